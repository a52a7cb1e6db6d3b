import type { TFunction } from "i18next";
import { isApiError, type FieldErrors } from "@/lib/api-client";
import { errorMessage } from "@/lib/error-message";

type FormErrorState = { fields: FieldErrors; form: string[] };

export const NO_ERRORS: FormErrorState = { fields: {}, form: [] };

/**
 * Splits a failed submit into messages shown by each field the form has and
 * messages for the whole form (non_field_errors, detail, fields it does not show).
 */
export function formErrorsOf(error: unknown, t: TFunction, shownFields: readonly string[]): FormErrorState {
  if (!error) return NO_ERRORS;
  if (!isApiError(error) || error.kind !== "validation") return { fields: {}, form: [errorMessage(error, t)] };
  const fields: FieldErrors = {};
  const form = [...error.formErrors];
  for (const [name, messages] of Object.entries(error.fieldErrors)) {
    if (shownFields.includes(name)) fields[name] = messages;
    else form.push(...messages.map((message) => `${name}: ${message}`));
  }
  if (!form.length && !Object.keys(fields).length) form.push(errorMessage(error, t));
  return { fields, form };
}
