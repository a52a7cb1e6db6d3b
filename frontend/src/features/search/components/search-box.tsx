import { useId, useState, type FormEvent, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSuggestions, type Suggestion } from "@/features/search/api/get-suggestions";
import { useDebouncedValue } from "@/lib/use-debounced-value";
import { SearchIcon } from "@/components/icons";
import { useCatalogLabels } from "@/lib/catalog/use-labels";

type Props = {
  defaultValue?: string;
  /** The search to run: free text, or the make/model of a picked suggestion. */
  onSearch: (params: URLSearchParams) => void;
  size?: "m" | "l";
  autoFocus?: boolean;
};

export function suggestionParams(suggestion: Suggestion): URLSearchParams {
  const params = new URLSearchParams();
  // The whole search the suggestion stands for: its car and what else the words said ("under 5k").
  if (suggestion.params) {
    for (const [key, values] of Object.entries(suggestion.params)) for (const value of values) params.append(key, value);
    return params;
  }
  if (suggestion.make) params.append("make", suggestion.make);
  if (suggestion.model) params.append("model", suggestion.model);
  if (!suggestion.make && !suggestion.model) params.set("q", suggestion.text);
  return params;
}

/** A combobox (WAI-ARIA 1.2 pattern): type, arrow through suggestions, Enter to search. */
export function SearchBox({ defaultValue = "", onSearch, size = "m", autoFocus }: Props) {
  const { t } = useTranslation();
  const { makeLabel, modelLabel } = useCatalogLabels();
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState(defaultValue);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const term = useDebouncedValue(text, 200);
  const { data } = useSuggestions(term);
  const suggestions = open && text.trim().length >= 2 ? (data ?? []).slice(0, 8) : [];

  const submitText = () => {
    const params = new URLSearchParams();
    if (text.trim()) params.set("q", text.trim());
    setOpen(false);
    onSearch(params);
  };

  const pick = (suggestion: Suggestion) => {
    setText(suggestion.text);
    setOpen(false);
    onSearch(suggestionParams(suggestion));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (active >= 0 && suggestions[active]) pick(suggestions[active]);
    else submitText();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" && suggestions.length) {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (index + 1) % suggestions.length);
    } else if (event.key === "ArrowUp" && suggestions.length) {
      event.preventDefault();
      setActive((index) => (index <= 0 ? suggestions.length - 1 : index - 1));
    } else if (event.key === "Escape") {
      setOpen(false);
      setActive(-1);
    }
  };

  const describe = (suggestion: Suggestion) => {
    // With more than the car understood ("camry under 5k"), the server's words say it all.
    if (Object.keys(suggestion.params ?? {}).some((key) => key !== "make" && key !== "model")) return suggestion.text;
    if (suggestion.make && suggestion.model) return `${makeLabel(suggestion.make)} ${modelLabel(suggestion.model, suggestion.make)}`;
    if (suggestion.make) return makeLabel(suggestion.make);
    return suggestion.text;
  };

  return (
    <form role="search" className={`search-box search-box-${size}`} onSubmit={onSubmit}>
      <label htmlFor={id} className="visually-hidden">
        {t("search.boxLabel")}
      </label>
      <div className="search-box-field">
        <SearchIcon className="search-box-icon" />
        <input
          id={id}
          type="search"
          className="search-box-input"
          role="combobox"
          aria-expanded={suggestions.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active >= 0 && suggestions[active] ? `${listId}-${active}` : undefined}
          autoComplete="off"
          placeholder={t("search.placeholder")}
          value={text}
          autoFocus={autoFocus}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
        />
        <ul id={listId} role="listbox" className="search-suggestions" aria-label={t("search.suggestions")} hidden={!suggestions.length}>
          {suggestions.map((suggestion, index) => (
            <li
              key={`${suggestion.text}-${index}`}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className="search-suggestion"
              onMouseDown={(event) => {
                event.preventDefault();
                pick(suggestion);
              }}
            >
              <span>{describe(suggestion)}</span>
              {typeof suggestion.count === "number" ? <span className="muted num">{suggestion.count}</span> : null}
            </li>
          ))}
        </ul>
      </div>
      <button type="submit" className="btn btn-primary search-box-submit">
        {t("search.submit")}
      </button>
    </form>
  );
}
