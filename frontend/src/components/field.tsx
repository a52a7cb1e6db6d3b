import { useId, type ComponentPropsWithRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";

type ControlProps = {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
  "aria-required"?: true;
};

type FieldProps = {
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  required?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
};

/**
 * A label, the control, a hint and the API's messages for that field, wired
 * with aria-describedby/aria-invalid so a screen reader reads them together.
 */
export function Field({ label, hint, errors, required, className, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field ${errors?.length ? "field-invalid" : ""} ${className ?? ""}`}>
      <label className="field-label" htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true" className="field-required"> *</span> : null}
      </label>
      {children({
        id,
        "aria-invalid": errors?.length ? true : undefined,
        "aria-describedby": describedBy,
        "aria-required": required ? true : undefined,
      })}
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <ul className="field-errors" id={errorId}>
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

type Common = { label: ReactNode; hint?: ReactNode; errors?: string[]; className?: string };

export function TextField({ label, hint, errors, className, required, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} hint={hint} errors={errors} required={required} className={className}>
      {(control) => <input className="input" required={required} {...input} {...control} />}
    </Field>
  );
}

export function SelectField({
  label,
  hint,
  errors,
  className,
  required,
  children,
  ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field label={label} hint={hint} errors={errors} required={required} className={className}>
      {(control) => (
        <select className="input select" required={required} {...select} {...control}>
          {children}
        </select>
      )}
    </Field>
  );
}

export function TextAreaField({ label, hint, errors, className, required, ...area }: Common & ComponentPropsWithRef<"textarea">) {
  return (
    <Field label={label} hint={hint} errors={errors} required={required} className={className}>
      {(control) => <textarea className="input textarea" required={required} {...area} {...control} />}
    </Field>
  );
}

/** Messages for the whole form (`non_field_errors`, `detail`). */
export function FormErrors({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  return (
    <div className="alert alert-danger" role="alert">
      <ul className="form-errors">
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </div>
  );
}
