import type { ReactNode } from "react";
import { Navigate } from "react-router";
import { useNextPath } from "@/features/auth/hooks/use-next-path";
import { useUser } from "@/lib/auth";
import { useDocumentTitle } from "@/lib/use-document-title";

type Props = {
  title: string;
  lead: string;
  documentTitle: string;
  /** Password reset pages stay open to someone signed in (a link from an e-mail). */
  allowSignedIn?: boolean;
  children: ReactNode;
};

export function AuthCard({ title, lead, documentTitle, allowSignedIn, children }: Props) {
  useDocumentTitle(documentTitle);
  const { data: user } = useUser();
  const next = useNextPath();
  // Already signed in (another tab, the back button): go where sign-in would have led.
  if (user && !allowSignedIn) return <Navigate to={next} replace />;
  return (
    <div className="container page auth-page">
      <div className="card card-body auth-card">
        <h1>{title}</h1>
        <p className="muted">{lead}</p>
        {children}
      </div>
    </div>
  );
}
