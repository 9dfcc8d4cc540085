import { groupAdminChannelAt, groupChannelAt } from "@/lib/realtime/channels";
import { currentEpochs } from "@/lib/realtime/epochs";
import { randomUUID } from "node:crypto";
import { createGroup, createPerson } from "@/tests/fixtures";
import { findUser } from "./support/data";
import { expect, expectAccessible, test } from "./support/fixtures";

test.describe("tenant isolation", () => {
  test("a Globex person sees no Acme group and is refused Acme channels", async ({ pageOf, db }) => {
    const lena = await findUser(db, "lena.learner@acme.example");
    const gary = await findUser(db, "gary.learner@globex.example");
    // Groups of the test's own, one in each company: Gary is in the Globex one.
    const suffix = randomUUID().slice(0, 6);
    const acmeAdmin = await createPerson(db, lena.companyId, { roles: ["admin"] });
    const globexAdmin = await createPerson(db, gary.companyId, { roles: ["admin"] });
    const acmeGroup = await createGroup(db, acmeAdmin, { name: `Acme Wave ${suffix}` });
    const globexGroup = await createGroup(db, globexAdmin, { name: `Globex Wave ${suffix}`, members: [gary] });

    const page = await pageOf("gary");
    await page.goto("/");
    const groups = page.getByRole("region", { name: "My learning groups" });
    await expect(groups.getByText(globexGroup.name)).toBeVisible();
    await expect(page.getByText(acmeGroup.name)).toHaveCount(0);
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
