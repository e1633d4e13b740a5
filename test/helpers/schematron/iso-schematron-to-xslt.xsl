<?xml version="1.0" encoding="UTF-8"?>
<!--
  A minimal ISO Schematron (queryBinding xslt2/xslt3) to XSLT 3.0 compiler, for the rule files the platform's
  outputs are checked against (Peppol BIS Billing 3.0: forms/standards/peppol-bis-3). It implements the parts of
  ISO/IEC 19757-3 those files use: ns, schema-, pattern- and rule-level let, phases (all patterns active), xsl:function, pattern, rule (first matching rule
  of a pattern fires, as the standard says), assert and report with value-of and name, and writes SVRL
  (failed-assert / successful-report with id, flag, location and text). No includes, abstract patterns or default phase:
  a schema using them is refused rather than half-checked.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:axsl="urn:sdp:alias:xsl"
  xmlns:sch="http://purl.oclc.org/dsdl/schematron"
  xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
  exclude-result-prefixes="sch">
  <xsl:namespace-alias stylesheet-prefix="axsl" result-prefix="xsl"/>
  <xsl:output method="xml" indent="yes"/>

  <xsl:template match="/sch:schema">
    <!-- Without a default phase every pattern is active (#ALL), so phases that only group patterns change nothing. -->
    <xsl:if test="//sch:include | //sch:pattern[@abstract = 'true'] | //sch:pattern[@is-a] | //sch:extends | @defaultPhase[. != '#ALL']">
      <xsl:message terminate="yes">unsupported Schematron construct (include, abstract pattern, extends or a default phase)</xsl:message>
    </xsl:if>
    <axsl:stylesheet version="3.0">
      <xsl:for-each select="sch:ns">
        <xsl:namespace name="{@prefix}" select="string(@uri)"/>
      </xsl:for-each>
      <!-- Schema- and pattern-level variables are global (pattern ones are used in rule contexts too). -->
      <xsl:for-each select="sch:let | sch:pattern/sch:let">
        <axsl:variable name="{@name}" select="{@value}"/>
      </xsl:for-each>
      <xsl:copy-of select="xsl:*"/>
      <axsl:template match="/">
        <svrl:schematron-output>
          <xsl:for-each select="sch:pattern">
            <svrl:active-pattern id="{(@id, concat('pattern-', position()))[1]}"/>
            <axsl:apply-templates select="/" mode="M{position()}"/>
          </xsl:for-each>
        </svrl:schematron-output>
      </axsl:template>
      <xsl:apply-templates select="sch:pattern"/>
    </axsl:stylesheet>
  </xsl:template>

  <xsl:template match="sch:pattern">
    <xsl:variable name="mode" select="concat('M', count(preceding-sibling::sch:pattern) + 1)"/>
    <xsl:variable name="rules" select="sch:rule"/>
    <xsl:for-each select="$rules">
      <!-- Earlier rules win: a node is checked by the first rule of the pattern whose context matches it. -->
      <axsl:template match="{@context}" mode="{$mode}" priority="{1000 + count($rules) - position()}">
        <svrl:fired-rule/>
        <xsl:for-each select="sch:let">
          <axsl:variable name="{@name}" select="{@value}"/>
        </xsl:for-each>
        <xsl:apply-templates select="sch:assert | sch:report"/>
        <axsl:apply-templates select="@*|node()" mode="{$mode}"/>
      </axsl:template>
    </xsl:for-each>
    <axsl:template match="text()" mode="{$mode}" priority="-1"/>
    <axsl:template match="@*|node()" mode="{$mode}" priority="-2">
      <axsl:apply-templates select="@*|node()" mode="{$mode}"/>
    </axsl:template>
  </xsl:template>

  <xsl:template match="sch:assert">
    <axsl:if test="not({@test})">
      <svrl:failed-assert id="{@id}" flag="{(@flag, 'error')[1]}">
        <axsl:attribute name="location" select="path()"/>
        <svrl:text><xsl:apply-templates mode="text"/></svrl:text>
      </svrl:failed-assert>
    </axsl:if>
  </xsl:template>

  <xsl:template match="sch:report">
    <axsl:if>
      <svrl:successful-report id="{@id}" flag="{(@flag, 'error')[1]}">
        <axsl:attribute name="location" select="path()"/>
        <svrl:text><xsl:apply-templates mode="text"/></svrl:text>
      </svrl:successful-report>
    </axsl:if>
  </xsl:template>

  <xsl:template match="sch:value-of" mode="text"><axsl:value-of select="{@select}"/></xsl:template>
  <xsl:template match="sch:name" mode="text"><axsl:value-of select="name({(@path, '.')[1]})"/></xsl:template>
  <xsl:template match="text()" mode="text"><xsl:value-of select="."/></xsl:template>
</xsl:stylesheet>
