import { describe, expect, it } from "vitest";
import { currentHref } from "./nav-match";

const learner = [{ href: "/" }, { href: "/groups" }, { href: "/courses" }, { href: "/assignments" }, { href: "/profile" }];
const admin = [
  ...learner,
  { href: "/admin/groups", covers: ["/groups/[id]"] },
  { href: "/admin/people" },
  { href: "/admin/courses" },
  { href: "/admin/assignments" },
  { href: "/hr" },
];

describe("currentHref", () => {
  it("marks Home only on the home page", () => {
    expect(currentHref("/", admin)).toBe("/");
    expect(currentHref("/certificates/abc", admin)).toBeNull();
    expect(currentHref("/developers/api", learner)).toBeNull();
  });

  it("marks the entry a page lies below, by whole segments", () => {
    expect(currentHref("/admin/people/42", admin)).toBe("/admin/people");
    expect(currentHref("/hr/new-hire", admin)).toBe("/hr");
    expect(currentHref("/courses/7/lessons/9", learner)).toBe("/courses");
    expect(currentHref("/coursesx", learner)).toBeNull();
  });

  it("prefers the longest match: the admins' course list is not the learners' catalogue", () => {
    expect(currentHref("/admin/courses", admin)).toBe("/admin/courses");
    expect(currentHref("/admin/assignments/course/1", admin)).toBe("/admin/assignments");
    expect(currentHref("/assignments", admin)).toBe("/assignments");
  });

  it("puts a group's pages under Learning groups for admins and under My groups for everyone else", () => {
    expect(currentHref("/groups/123/chat", admin)).toBe("/admin/groups");
    expect(currentHref("/groups/123", admin)).toBe("/admin/groups");
    expect(currentHref("/groups", admin)).toBe("/groups");
    expect(currentHref("/groups/123/chat", learner)).toBe("/groups");
  });
});
