import type { ChangeEvent, InputHTMLAttributes, ReactNode } from "react";
import { TextField } from "@/components/field";
import { toLatinDigits } from "@/lib/numbers";

type Props = {
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  className?: string;
  /** "whole": years, mileage; "decimal": money; "phone": a telephone number. */
  kind?: "whole" | "decimal" | "phone";
} & Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "inputMode">;

/**
 * A box for a number. Not <input type="number">: browsers drop Arabic-Indic
 * digits and separators typed into one (its value turns empty). A text box
 * with a numeric keyboard shows what is typed in Latin digits instead (lib/numbers.ts).
 */
export function NumberField({ kind = "whole", onChange, ...props }: Props) {
  const handleChange = (event: ChangeEvent<HTMLInputElement>) => {
    const latin = toLatinDigits(event.target.value);
    if (latin !== event.target.value) {
      const { selectionStart, selectionEnd } = event.target;
      event.target.value = latin;
      event.target.setSelectionRange(selectionStart, selectionEnd);
    }
    onChange?.(event);
  };
  return (
    <TextField
      type={kind === "phone" ? "tel" : "text"}
      inputMode={kind === "phone" ? "tel" : kind === "decimal" ? "decimal" : "numeric"}
      autoComplete={kind === "phone" ? "tel" : "off"}
      dir="ltr"
      {...props}
      onChange={handleChange}
    />
  );
}
