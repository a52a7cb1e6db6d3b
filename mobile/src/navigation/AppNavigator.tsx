// The app's screens: five tabs (search, saved, messages with its unread
// badge, sell, account) and the screens pushed over them.
import { createBottomTabNavigator } from "@react-navigation/bottom-tabs";
import { createNativeStackNavigator } from "@react-navigation/native-stack";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useAccount } from "@/account/session";
import { AccountScreen, RegisterScreen, SignInScreen } from "@/account/AccountScreens";
import { FavouritesScreen } from "@/favourites/FavouritesScreen";
import { ListingScreen } from "@/listing/ListingScreen";
import { ConversationScreen } from "@/messaging/ConversationScreen";
import { MessagesScreen, SignInPrompt } from "@/messaging/MessagesScreen";
import { useUnreadCount } from "@/messaging/unread";
import type { RootParams, TabParams } from "@/navigation/types";
import { SearchScreen } from "@/search/SearchScreen";
import { EditListingScreen } from "@/sell/EditListingScreen";
import { MyListingsScreen } from "@/sell/MyListingsScreen";
import { SellScreen } from "@/sell/SellScreen";
import { StatsScreen } from "@/sell/StatsScreen";
import { colors } from "@/ui/theme";

const Stack = createNativeStackNavigator<RootParams>();
const Tab = createBottomTabNavigator<TabParams>();

function Tabs() {
  const { t } = useTranslation();
  const unread = useUnreadCount();
  return (
    <Tab.Navigator screenOptions={{ tabBarActiveTintColor: colors.brand, tabBarIcon: () => null }}>
      <Tab.Screen name="Search" component={SearchScreen} options={{ title: t("tabs.search") }} />
      <Tab.Screen name="Favourites" component={FavouritesScreen} options={{ title: t("tabs.favourites") }} />
      <Tab.Screen
        name="Messages"
        component={MessagesScreen}
        options={{ title: t("tabs.messages"), tabBarBadge: unread > 0 ? unread : undefined, tabBarAccessibilityLabel: unread > 0 ? `${t("tabs.messages")}, ${t("messages.unread", { count: unread })}` : t("tabs.messages") }}
      />
      <Tab.Screen name="Sell" component={SellScreen} options={{ title: t("tabs.sell") }} />
      <Tab.Screen name="Account" component={AccountScreen} options={{ title: t("tabs.account") }} />
    </Tab.Navigator>
  );
}

/** A screen of the account's own (a conversation, a listing's edit or numbers): signed out, here or by the server, it asks to sign in. */
function SignedInOnly({ children }: { children: ReactNode }) {
  const { token } = useAccount();
  return token ? children : <SignInPrompt />;
}

export function AppNavigator() {
  const { t } = useTranslation();
  return (
    <Stack.Navigator>
      <Stack.Screen name="Tabs" component={Tabs} options={{ headerShown: false }} />
      <Stack.Screen name="Listing" component={ListingScreen} options={{ title: "" }} />
      <Stack.Group screenLayout={({ children }) => <SignedInOnly>{children}</SignedInOnly>}>
        <Stack.Screen name="Conversation" component={ConversationScreen} options={({ route }) => ({ title: route.params.title })} />
        <Stack.Screen name="MyListings" component={MyListingsScreen} options={{ title: t("myListings.title") }} />
        <Stack.Screen name="EditListing" component={EditListingScreen} options={{ title: t("edit.title") }} />
        <Stack.Screen name="ListingStats" component={StatsScreen} options={{ title: t("stats.title") }} />
      </Stack.Group>
      <Stack.Screen name="SignIn" component={SignInScreen} options={{ title: t("account.signIn"), presentation: "modal" }} />
      <Stack.Screen name="Register" component={RegisterScreen} options={{ title: t("account.register"), presentation: "modal" }} />
    </Stack.Navigator>
  );
}
