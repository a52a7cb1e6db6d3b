// A car the user keeps: PUT/DELETE /me/favorites/{id}; which cars are kept
// comes once from /me/favorites/ids and is updated in place.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ok } from "@/api/client";
import { useAccount } from "@/account/session";

const IDS = ["favourites", "ids"];

export function useFavourite(listingId: number) {
  const { token } = useAccount();
  const queryClient = useQueryClient();
  const ids = useQuery({ queryKey: IDS, queryFn: () => ok(api.GET("/api/v1/me/favorites/ids")), enabled: !!token });
  const saved = (ids.data?.ids ?? []).includes(listingId);
  const toggle = useMutation({
    mutationFn: async () => {
      const path = { params: { path: { listing_id: listingId } } };
      await ok(saved ? api.DELETE("/api/v1/me/favorites/{listing_id}", path) : api.PUT("/api/v1/me/favorites/{listing_id}", path));
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["favourites"] }),
  });
  return { saved, busy: toggle.isPending, toggle: () => toggle.mutate() };
}
