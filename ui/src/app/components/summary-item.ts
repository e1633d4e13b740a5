/** One error of a form's error summary: the field it links to (null: about the whole form), its label and message. */
export interface SummaryItem {
  fieldId: string | null;
  label: string;
  message: string;
}
