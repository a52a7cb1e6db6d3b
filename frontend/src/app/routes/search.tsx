import { FavoriteButton } from "@/features/favorites/components/favorite-button";
import { SearchView } from "@/features/search/components/search-view";

export default function SearchRoute() {
  return <SearchView cardAction={(listing) => <FavoriteButton listing={listing} compact />} />;
}
