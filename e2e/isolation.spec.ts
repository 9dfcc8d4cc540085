import { groupAdminChannelAt, groupChannelAt } from "@/lib/realtime/channels";
import { currentEpochs } from "@/lib/realtime/epochs";
import { findGroup, findUser } from "./support/data";
import { expect, expectAccessible, signIn, test } from "./support/fixtures";

test.describe("tenant isolation", () => {
  test("a Globex person sees no Acme group and is refused Acme channels", async ({ page, db }) => {
    const lena = await findUser(db, "lena.learner@acme.example");
    const gary = await findUser(db, "gary.learner@globex.example");
    const acmeGroup = await findGroup(db, "Onboarding Q1 2026");
    const globexGroup = await findGroup(db, "Globex Onboarding Wave 1");

    await signIn(page, "gary.learner@globex.example");
    const groups = page.getByRole("region", { name: "My learning groups" });
    await expect(groups.getByText("Globex Onboarding Wave 1")).toBeVisible();
    await expect(page.getByText("Onboarding Q1 2026")).toHaveCount(0);
    await expect(page.getByText("Sales Refresher 2026")).toHaveCount(0);
    await expectAccessible(page);

    const authorize = (channel: string) =>
      page.request.post("/api/realtime/auth", { form: { socket_id: "1234.5678", channel_name: channel } });
    expect((await authorize(`private-user-${lena.id}`)).status()).toBe(403);
    // Asked at the groups' current epochs, as a page would: only the company decides.
    const epochs = await currentEpochs(db, [acmeGroup.id, globexGroup.id]);
    expect((await authorize(groupChannelAt(acmeGroup.id, epochs.get(acmeGroup.id)!))).status()).toBe(403);
    expect((await authorize(groupAdminChannelAt(acmeGroup.id, epochs.get(acmeGroup.id)!))).status()).toBe(403);
    expect((await authorize("presence-anything")).status()).toBe(403);
    // The sibling that proves the owner still gets in.
    expect((await authorize(`private-user-${gary.id}`)).status()).toBe(200);
    expect((await authorize(groupChannelAt(globexGroup.id, epochs.get(globexGroup.id)!))).status()).toBe(200);
  });

  test("the auth routes refuse a visitor who is not signed in", async ({ request, db }) => {
    const lena = await findUser(db, "lena.learner@acme.example");
    const channel = await request.post("/api/realtime/auth", {
      form: { socket_id: "1234.5678", channel_name: `private-user-${lena.id}` },
    });
    expect(channel.status()).toBe(401);
    const user = await request.post("/api/realtime/user-auth", { form: { socket_id: "1234.5678" } });
    expect(user.status()).toBe(401);
  });
});
