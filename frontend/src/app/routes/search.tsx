import { SearchView } from "@/features/search/components/search-view";

export default function SearchRoute() {
  return <SearchView />;
}
