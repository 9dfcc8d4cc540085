import { hashPassword } from "@/lib/auth/password";
import { issueToken } from "@/lib/account-links/tokens";
import type { Cast } from "../attackers";
import { createDepartment, opId } from "../fixtures";
import { type ActionCases, rightful } from "./cases";

/**
 * People, departments and accounts. The company's admins all manage people and departments (HR
 * staff read them, and change them only through HR's forms); a person's own account and profile
 * are theirs: whoever else sends the same input changes their own.
 */

const everyoneElse = ["learner", "removedMember", "hr", "nonOwnerAdmin"] as const;
const PASSWORD = "correct horse battery";
let passwordHash: Promise<string> | undefined;
/** One hash for every person who needs a password: hashing is slow by design. */
const knownPassword = () => (passwordHash ??= hashPassword(PASSWORD));

/** A department of its own for each case: the call renames, merges or deletes it. */
const department = (cast: Cast, name: string) => createDepartment(cast.db, cast.companyId, `${name} ${opId().slice(0, 8)}`);

export const peopleActions: ActionCases = {
  "lib/people/actions.ts": {
    updatePersonAction: {
      as: "owner",
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) =>
        rightful({ personId: (await cast.person()).id, departmentId: (await department(cast, "Sales")).id, operationId: opId() }),
    },
    deactivatePersonAction: {
      as: "owner",
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) => rightful({ personId: (await cast.person()).id, operationId: opId() }),
    },
    reactivatePersonAction: {
      as: "owner",
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) => rightful({ personId: (await cast.person([], { deactivated: true })).id, operationId: opId() }),
    },
    managerOptionsAction: {
      // The person is only left out of the list: another company's admin reads their own people.
      as: "owner",
      permission: "people.list",
      names: false,
      allows: ["nonOwnerAdmin", "hr"],
      prepare: async (cast) => rightful({ personId: cast.member.id, term: "Mi" }),
    },
  },
  "lib/departments/actions.ts": {
    createDepartmentAction: {
      as: "owner",
      names: false,
      allows: ["nonOwnerAdmin"],
      prepare: async () => rightful({ name: `Research ${opId().slice(0, 8)}`, operationId: opId() }),
    },
    renameDepartmentAction: {
      as: "owner",
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) =>
        rightful({ departmentId: (await department(cast, "Ops")).id, name: `Operations ${opId().slice(0, 8)}`, operationId: opId() }),
    },
    headCandidatesAction: {
      as: "owner",
      permission: "department.setHead",
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) => rightful({ departmentId: (await department(cast, "Legal")).id }),
    },
    setDepartmentHeadAction: {
      as: "owner",
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) =>
        rightful({ departmentId: (await department(cast, "Design")).id, headId: cast.member.id, operationId: opId() }),
    },
    searchDepartmentOptionsAction: {
      // The company's departments, as admins and HR see them: another company's admin reads their own.
      as: "owner",
      permission: "department.options",
      names: false,
      allows: ["nonOwnerAdmin", "hr"],
      prepare: async () => rightful({ term: "" }),
    },
    searchMergeTargetsAction: {
      // The department is only left out of the list: another company's admin reads their own.
      as: "owner",
      permission: "department.merge",
      names: false,
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) => rightful({ departmentId: (await department(cast, "Support")).id, term: "" }),
    },
    mergeDepartmentsAction: {
      as: "owner",
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) =>
        rightful({
          departmentId: (await department(cast, "QA")).id,
          targetId: (await department(cast, "Testing")).id,
          operationId: opId(),
        }),
    },
    deleteDepartmentAction: {
      as: "owner",
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) => rightful({ departmentId: (await department(cast, "Empty")).id, operationId: opId() }),
    },
  },
  "lib/accounts/actions.ts": {
    invitePersonAction: {
      as: "owner",
      names: false,
      allows: ["nonOwnerAdmin"],
      prepare: async () => rightful({ name: "Nina New", email: `nina.${opId().slice(0, 8)}@acme.example`, operationId: opId() }),
    },
    resendInvitationAction: {
      as: "owner",
      allows: ["nonOwnerAdmin"],
      prepare: async (cast) => rightful({ userId: (await cast.person()).id, operationId: opId() }),
    },
    changePasswordAction: {
      as: "member",
      names: false,
      allows: [...everyoneElse],
      prepare: async (cast) =>
        rightful(
          { currentPassword: PASSWORD, password: "a new long passphrase", confirmPassword: "a new long passphrase", operationId: opId() },
          await cast.person([], { passwordHash: await knownPassword() }),
        ),
    },
    signOutEverywhereAction: {
      as: "member",
      names: false,
      allows: [...everyoneElse],
      prepare: async (cast) => rightful({ operationId: opId() }, await cast.person()),
    },
    requestPasswordResetAction: {
      as: "member",
      signedOut: true,
      prepare: async (cast) => rightful({ email: (await cast.person([], { passwordHash: await knownPassword() })).email }),
    },
    setPasswordAction: {
      as: "member",
      signedOut: true,
      prepare: async (cast) => {
        const { token } = await issueToken(cast.db, { userId: (await cast.person()).id, purpose: "invitation", createdBy: cast.owner.id });
        return rightful({ token, password: "my first passphrase", confirmPassword: "my first passphrase" });
      },
    },
  },
  "lib/profile/actions.ts": {
    updateProfileAction: {
      as: "member",
      names: false,
      allows: [...everyoneElse],
      prepare: async () => rightful({ name: "Mia M. Member", timeZone: "", locale: "", operationId: opId() }),
    },
  },
};
