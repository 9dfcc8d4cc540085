import { addMembers } from "@/lib/membership/operations/add-members";
import { removeMembers } from "@/lib/membership/operations/remove-members";
import { requireGroupAccess } from "@/lib/group-access/access";
import { getGroupStatistics } from "@/lib/statistics/group";
import { getApiGroup, listApiGroups } from "../queries";
import { defineRoute } from "../route";
import { group, groupPage, groupsQuery, idParams, membersAdded, membersBody, membersRemoved, statistics } from "../schemas";

export const listGroups = defineRoute({
  method: "GET",
  path: "/groups",
  operationId: "listGroups",
  summary: "List learning groups",
  description: "The company's learning groups, oldest first, a page at a time: active ones unless `status` says otherwise.",
  tag: "Groups",
  scope: "read",
  query: groupsQuery,
  response: { status: 200, description: "A page of groups.", schema: groupPage },
  handle: async ({ query }, { db, caller }) => ({ body: await listApiGroups(db, caller.ctx, query) }),
});

export const getGroup = defineRoute({
  method: "GET",
  path: "/groups/{id}",
  operationId: "getGroup",
  summary: "Read a learning group",
  description: "One group of the company, active or archived.",
  tag: "Groups",
  scope: "read",
  params: idParams,
  response: { status: 200, description: "The group.", schema: group },
  handle: async ({ params }, { db, caller }) => ({ body: await getApiGroup(db, caller.ctx, params.id) }),
});

export const addGroupMembers = defineRoute({
  method: "POST",
  path: "/groups/{id}/members",
  operationId: "addGroupMembers",
  summary: "Add members in bulk",
  description:
    "Adds up to 10,000 people at once, as an admin's “Add members” does: each is notified. People already in the " +
    "group, deactivated people and ids that are no person of the company are counted, not added. Over the group's " +
    "maximum, nobody is added (409).",
  tag: "Members",
  scope: "write",
  params: idParams,
  body: membersBody,
  response: { status: 200, description: "What the request did.", schema: membersAdded },
  operation: addMembers,
  handle: async ({ params, body }, { db, caller, operationId }) => {
    const { result, ...delivery } = await addMembers(db, caller.ctx, {
      groupId: params.id,
      selection: { mode: "people", userIds: body.userIds },
      operationId,
    });
    const named = result.added + result.alreadyMembers + result.deactivated;
    return { body: { ...result, unknown: Math.max(0, body.userIds.length - named) }, ...delivery };
  },
});

export const removeGroupMembers = defineRoute({
  method: "POST",
  path: "/groups/{id}/members/remove",
  operationId: "removeGroupMembers",
  summary: "Remove members in bulk",
  description: "Takes up to 10,000 people out of the group; each is notified. Ids that are not members are ignored.",
  tag: "Members",
  scope: "write",
  params: idParams,
  body: membersBody,
  response: { status: 200, description: "How many left the group.", schema: membersRemoved },
  operation: removeMembers,
  handle: async ({ params, body }, { db, caller, operationId }) => {
    const { result, ...delivery } = await removeMembers(db, caller.ctx, { groupId: params.id, userIds: body.userIds, operationId });
    return { body: result, ...delivery };
  },
});

export const groupStatistics = defineRoute({
  method: "GET",
  path: "/groups/{id}/statistics",
  operationId: "getGroupStatistics",
  summary: "Read a group's statistics",
  description: "The figures of the group's Statistics tab over its current members. A group without a linked course has none (404).",
  tag: "Statistics",
  scope: "read",
  params: idParams,
  response: { status: 200, description: "The group's figures.", schema: statistics },
  handle: async ({ params }, { db, caller }) => ({
    body: await getGroupStatistics(db, caller.ctx, await requireGroupAccess(db, caller.ctx, params.id)),
  }),
});
