import { Navigate, Outlet, useLocation } from "react-router";
import { PageSpinner } from "@/components/spinner";
import { QueryError } from "@/components/query-error";
import { useUser } from "@/lib/auth";

/** Pages for signed-in people: others go to sign-in and come back after. */
export function RequireAuth() {
  const location = useLocation();
  const { data: user, isPending, isError, error, refetch } = useUser();
  if (isPending) return <PageSpinner />;
  if (isError)
    return (
      <div className="container page">
        <QueryError error={error} onRetry={() => refetch()} />
      </div>
    );
  if (!user) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Outlet />;
}
