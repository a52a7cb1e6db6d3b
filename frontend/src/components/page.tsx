import type { ReactNode } from "react";
import { useDocumentTitle } from "@/lib/use-document-title";

type Props = {
  title: string;
  lead?: ReactNode;
  actions?: ReactNode;
  narrow?: boolean;
  children: ReactNode;
};

/** A page with its h1 (also the document title), an optional lead line and actions. */
export function Page({ title, lead, actions, narrow, children }: Props) {
  useDocumentTitle(title);
  return (
    <div className={`container page ${narrow ? "narrow-page" : ""}`}>
      <div className="page-header">
        <div>
          <h1>{title}</h1>
          {lead ? <p className="muted">{lead}</p> : null}
        </div>
        {actions}
      </div>
      {children}
    </div>
  );
}
