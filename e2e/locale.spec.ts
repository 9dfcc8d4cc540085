import { expect, expectAccessible, test } from "./support/fixtures";

test("the German-locale person sees German date and number formats @learner", async ({ pageOf }) => {
  const page = await pageOf("jonas");
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  const percent = page.getByTestId("course-percent").first();
  // German puts a (non-breaking) space before the percent sign.
  await expect(percent).toHaveText(/^My progress: \d{1,3}\s%$/);
  // Day before month, then the year: "16. Nov. 2026".
  await expect(
    page
      .getByRole("main")
      .getByText(/Last activity \d{1,2}\. \p{L}+\.? \d{4}/u)
      .first(),
  ).toBeVisible();
  await expectAccessible(page);
});

test("an English-locale person sees English formats", async ({ pageOf }) => {
  const page = await pageOf("lena");
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("course-percent").first()).toHaveText(/^My progress: \d{1,3}%$/);
  await expect(
    page
      .getByRole("main")
      .getByText(/Last activity [A-Z][a-z]{2} \d{1,2}, \d{4}/)
      .first(),
  ).toBeVisible();
});
