import { useId, useState, type FormEvent, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { composerErrorMessage } from "@/features/messaging/components/composer-error";
import { Button } from "@/components/button";
import { isApiError } from "@/lib/api-client";
import { useRetryWait } from "@/lib/use-retry-wait";

const MAX_MESSAGE_LENGTH = 4000;

type Props = {
  onSend: (body: string) => Promise<unknown>;
  sending: boolean;
  error: unknown;
  label?: string;
  placeholder?: string;
  initialValue?: string;
  submitLabel?: string;
};

/** A textarea that sends on Enter (Shift+Enter for a new line). */
export function MessageComposer({ onSend, sending, error, label, placeholder, initialValue = "", submitLabel }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [body, setBody] = useState(initialValue);
  const trimmed = body.trim();
  // Rate limited: the send button waits out Retry-After, then comes back.
  const waiting = useRetryWait(error);
  const waitedOut = isApiError(error) && error.kind === "rate_limited" && Boolean(error.retryAfter) && !waiting;
  const shownError = waitedOut ? null : error;

  const submit = async () => {
    if (!trimmed || sending || waiting || trimmed.length > MAX_MESSAGE_LENGTH) return;
    try {
      await onSend(trimmed);
      setBody("");
    } catch {
      // the error is shown below; keep the text so nothing is lost
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      <label htmlFor={id} className={label ? "field-label" : "visually-hidden"}>
        {label ?? t("messages.writeMessage")}
      </label>
      <div className="composer-row">
        <textarea
          id={id}
          className="input textarea composer-input"
          rows={2}
          dir="auto"
          maxLength={MAX_MESSAGE_LENGTH}
          placeholder={placeholder ?? t("messages.placeholder")}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby={[`${id}-keys`, shownError ? `${id}-error` : ""].join(" ").trim()}
        />
        <Button type="submit" loading={sending} disabled={!trimmed || waiting}>
          {submitLabel ?? t("messages.send")}
        </Button>
      </div>
      <p id={`${id}-keys`} className="visually-hidden">
        {t("messages.keysHint")}
      </p>
      {shownError ? (
        <p className="field-errors" id={`${id}-error`} role="alert">
          {composerErrorMessage(shownError, t)}
        </p>
      ) : null}
    </form>
  );
}
