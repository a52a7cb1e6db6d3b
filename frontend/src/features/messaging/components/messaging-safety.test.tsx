import { screen, waitFor, within } from "@testing-library/react";
import { expectNoSeriousA11yViolations } from "@/testing/axe";
import { buyer } from "@/testing/mocks/db";
import { state } from "@/testing/mocks/handlers";
import { renderApp } from "@/testing/test-utils";

const thread = () => screen.findByRole("list", { name: "Messages in this conversation" });
const composer = () => screen.findByLabelText("Write a message");
const sent = (suffix: string) => state.requests.filter((request) => request.url.endsWith(suffix));

describe("message safety", () => {
  it("adds a gentle note under a sent message that carries contact details", async () => {
    const { user } = renderApp("/messages/9", { user: buyer });
    await user.type(await composer(), "Call me on 3312 3456 or see www.example.bh{Enter}");
    const mine = (await within(await thread()).findByText("Call me on 3312 3456 or see www.example.bh")).closest("li") as HTMLElement;
    expect(
      within(mine).getByText(
        "Your message includes a phone number. Your message includes a link. For your safety, keep contact details in Sayara until you meet.",
      ),
    ).toBeInTheDocument();
  });

  it("leaves a message without contact details as it is", async () => {
    const { user } = renderApp("/messages/9", { user: buyer });
    await user.type(await composer(), "Is the service history complete?{Enter}");
    await within(await thread()).findByText("Is the service history complete?");
    expect(screen.queryByText(/For your safety/)).not.toBeInTheDocument();
  });

  it("waits out a 429's Retry-After before sending again", async () => {
    state.sendRetryAfter = 1;
    const { user } = renderApp("/messages/9", { user: buyer });
    const box = await composer();
    await user.type(box, "One more thing{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("You are sending messages too quickly. You can send again in 1 second.");
    expect(screen.getByRole("button", { name: "Send" })).toBeDisabled();
    expect(box).toHaveValue("One more thing");
    state.sendRetryAfter = null;
    await waitFor(() => expect(screen.getByRole("button", { name: "Send" })).toBeEnabled(), { timeout: 3000 });
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Send" }));
    expect(await within(await thread()).findByText("One more thing")).toBeInTheDocument();
  });

  it("swaps the composer for a notice when the other person has blocked you", async () => {
    const { user } = renderApp("/messages/9", { user: buyer });
    const box = await composer();
    state.blockedMe = true;
    await user.type(box, "Hello?{Enter}");
    const notice = await screen.findByText("Ali Motors is not accepting messages from you. You can still read this conversation and report it.");
    expect(screen.queryByLabelText("Write a message")).not.toBeInTheDocument();
    expect(notice.closest(".thread-blocked")).toHaveFocus();
    expect(screen.getByRole("button", { name: "Report" })).toBeInTheDocument();
  });

  it("says why a first message to a seller who blocked you was refused", async () => {
    state.blockedMe = true;
    const { user } = renderApp("/listings/1", { user: buyer });
    await screen.findByLabelText("Message the seller");
    await user.click(screen.getByRole("button", { name: "Send message" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("This person is not accepting messages from you any more.");
  });
});

describe("block and report", () => {
  it("blocks after a confirmation, then offers to unblock", async () => {
    const { user } = renderApp("/messages/9", { user: buyer });
    const block = await screen.findByRole("button", { name: "Block" });
    await user.click(block);
    const dialog = screen.getByRole("dialog", { name: "Block Ali Motors?" });
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Block" }));
    expect(await screen.findByText("You blocked Ali Motors. Unblock them to write here again.")).toBeInTheDocument();
    expect(sent("/conversations/9/block").map((request) => request.method)).toEqual(["POST"]);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Write a message")).not.toBeInTheDocument();

    const unblock = within(screen.getByRole("group", { name: "Conversation actions" })).getByRole("button", { name: "Unblock" });
    await user.click(unblock);
    expect(await screen.findByText("You unblocked Ali Motors. You can message each other again.")).toBeInTheDocument();
    expect(sent("/conversations/9/block").map((request) => request.method)).toEqual(["POST", "DELETE"]);
    expect(await composer()).toBeInTheDocument();
  });

  it("cancels a block with Escape and gives focus back", async () => {
    const { user } = renderApp("/messages/9", { user: buyer });
    const block = await screen.findByRole("button", { name: "Block" });
    await user.click(block);
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(block).toHaveFocus();
    expect(sent("/conversations/9/block")).toHaveLength(0);
  });

  it("reports with a reason the moderators can read", async () => {
    const { user } = renderApp("/messages/9", { user: buyer });
    await user.click(await screen.findByRole("button", { name: "Report" }));
    const dialog = screen.getByRole("dialog", { name: "Report this conversation" });
    const reason = within(dialog).getByLabelText(/^What is wrong\?/);
    expect(reason).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Send report" }));
    expect(reason).toHaveAccessibleDescription("Tell the moderators what is wrong.");
    expect(sent("/conversations/9/report")).toHaveLength(0);
    await user.type(reason, "Asked me to pay a deposit by bank transfer before seeing the car.");
    await user.click(within(dialog).getByRole("button", { name: "Send report" }));
    expect(await screen.findByText("Thank you. Our moderators will review this conversation.")).toBeInTheDocument();
    expect(sent("/conversations/9/report")[0].body).toEqual({ reason: "Asked me to pay a deposit by bank transfer before seeing the car." });
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Report" })).toHaveFocus();
  });

  it("keeps Tab inside an open dialog", async () => {
    const { user } = renderApp("/messages/9", { user: buyer });
    await user.click(await screen.findByRole("button", { name: "Block" }));
    const dialog = screen.getByRole("dialog");
    await user.tab();
    expect(within(dialog).getByRole("button", { name: "Block" })).toHaveFocus();
    await user.tab();
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await user.tab({ shift: true });
    expect(within(dialog).getByRole("button", { name: "Block" })).toHaveFocus();
  });

  it("has no serious accessibility violations with a dialog open", async () => {
    const { user, container, settle } = renderApp("/messages/9", { user: buyer });
    await user.click(await screen.findByRole("button", { name: "Report" }));
    await settle();
    await expectNoSeriousA11yViolations(container);
  });
});
