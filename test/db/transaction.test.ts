// The one transaction helper: a Sequelize model call and a SQL statement inside it are one transaction on one
// connection of the one pool, committed together or rolled back together; BEGIN/COMMIT errors surface as the
// driver's (with its SQLSTATE), and the options reach the database.
import { expect } from 'chai';
import { sequelizeOf } from '../../db/connection';
import { agencyAccountModel } from '../../db/billing/agency-accounts';
import { inTransaction } from '../../db/transaction';
import { stack } from '../setup';

const IBAN = 'LV97HABA0012345678910'; // not one the seeds use
const agencyOf = async (iban: string) =>
  (await stack.db.pool.query<{ agency_id: string }>('SELECT agency_id FROM agency_accounts WHERE iban = $1', [iban])).rows[0]?.agency_id;

describe('db: one pool, one transaction for models and SQL', () => {
  const model = () => agencyAccountModel(sequelizeOf(stack.db.pool));
  afterEach(() => stack.db.pool.query('DELETE FROM agency_accounts WHERE iban = $1', [IBAN]));

  it('commits a model insert and a SQL update made in one transaction together, on the same connection', async () => {
    const pids = await inTransaction(stack.db.pool, async (client, transaction) => {
      await model().create({ iban: IBAN, bic: null, agencyId: 'vid', name: 'Test', createdBy: 'test' }, { transaction });
      await client.query("UPDATE agency_accounts SET name = 'Renamed' WHERE iban = $1", [IBAN]);
      const viaModel = (await sequelizeOf(stack.db.pool).query('SELECT pg_backend_pid() AS pid', { transaction, plain: true })) as {
        pid: number;
      };
      const viaSql = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0];
      return [viaModel.pid, viaSql.pid];
    });
    expect(pids[0]).to.equal(pids[1]);
    const row = await model().findByPk(IBAN);
    expect(row?.name).to.equal('Renamed');
  });

  it('rolls both back when the work throws, and hands the caller its own error', async () => {
    const failure = new Error('work failed');
    const caught = await inTransaction(stack.db.pool, async (client, transaction) => {
      await model().create({ iban: IBAN, bic: null, agencyId: 'vid', name: 'Test', createdBy: 'test' }, { transaction });
      await client.query("UPDATE agency_accounts SET name = 'Renamed' WHERE iban = $1", [IBAN]);
      throw failure;
    }).catch((e: unknown) => e);
    expect(caught).to.equal(failure);
    expect(await agencyOf(IBAN)).to.equal(undefined);
  });

  it('applies isolation and read-only, and reports a refused write with the SQLSTATE of PostgreSQL', async () => {
    const seen = await inTransaction(
      stack.db.pool,
      async (client) =>
        (
          await client.query<{ iso: string; ro: string }>(
            "SELECT current_setting('transaction_isolation') AS iso, current_setting('transaction_read_only') AS ro",
          )
        ).rows[0],
      { isolation: 'REPEATABLE READ', readOnly: true },
    );
    expect(seen).to.deep.equal({ iso: 'repeatable read', ro: 'on' });
    const refused = await inTransaction(stack.db.pool, (client) => client.query("DELETE FROM agency_accounts WHERE iban = 'none'"), {
      readOnly: true,
    }).catch((e: { code?: string }) => e);
    expect((refused as { code?: string }).code).to.equal('25006'); // read_only_sql_transaction
  });

  it('gives every connection back: the pool is as idle after a hundred transactions as before', async () => {
    await Promise.all(Array.from({ length: 100 }, (_, i) => inTransaction(stack.db.pool, (client) => client.query('SELECT $1::int', [i]))));
    await Promise.all(Array.from({ length: 20 }, () => model().count()));
    expect(stack.db.pool.waitingCount).to.equal(0);
    expect(stack.db.pool.idleCount).to.equal(stack.db.pool.totalCount);
  });
});
