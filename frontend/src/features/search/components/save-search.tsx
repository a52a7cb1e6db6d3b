import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { useCreateSavedSearch } from "@/features/search/api/saved-searches";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { TextField } from "@/components/field";
import { BellIcon } from "@/components/icons";
import { useUser } from "@/lib/auth";
import { formErrorsOf } from "@/lib/form-errors";

/** The query string that defines the result set (paging is not part of a saved search). */
function savedQueryOf(params: URLSearchParams): string {
  const next = new URLSearchParams(params);
  next.delete("page");
  return next.toString();
}

/** The longest name the API keeps (NAME_MAX, core/alerts/models.py). */
const NAME_MAX = 80;

export function SaveSearch({ params, suggestedName: headline }: { params: URLSearchParams; suggestedName: string }) {
  const { t } = useTranslation();
  // A long headline ("Toyota, Nissan, Lexus, …") is cut to what a name may be, not refused.
  const suggestedName = headline.slice(0, NAME_MAX).trim();
  const { data: user } = useUser();
  const navigate = useNavigate();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(suggestedName);
  const [alert, setAlert] = useState(true);
  const save = useCreateSavedSearch();
  const errors = formErrorsOf(save.error, t, ["name", "query", "alert"]);

  const start = () => {
    if (!user) {
      navigate(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
      return;
    }
    save.reset();
    setName(suggestedName);
    setOpen(true);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ name: name.trim() || suggestedName, query: savedQueryOf(params), alert }, { onSuccess: () => setOpen(false) });
  };

  if (save.isSuccess && !open) {
    return (
      <Alert tone="success" action={<Button variant="ghost" size="s" onClick={() => save.reset()}>{t("actions.dismiss")}</Button>}>
        {t("savedSearch.saved")}
      </Alert>
    );
  }

  if (!open) {
    return (
      <Button variant="secondary" size="s" icon={<BellIcon size={16} />} onClick={start}>
        {t("savedSearch.save")}
      </Button>
    );
  }

  return (
    <form className="save-search card" onSubmit={onSubmit} aria-label={t("savedSearch.save")}>
      <TextField label={t("savedSearch.name")} value={name} onChange={(event) => setName(event.target.value)} errors={errors.fields.name} autoFocus maxLength={NAME_MAX} />
      <label className="checkbox">
        <input type="checkbox" checked={alert} onChange={(event) => setAlert(event.target.checked)} />
        <span>{t("savedSearch.alert")}</span>
      </label>
      {errors.form.length ? <Alert tone="danger">{errors.form.join(" ")}</Alert> : null}
      <div className="row">
        <Button type="submit" size="s" loading={save.isPending}>
          {t("actions.save")}
        </Button>
        <Button variant="ghost" size="s" onClick={() => setOpen(false)}>
          {t("actions.cancel")}
        </Button>
      </div>
    </form>
  );
}
