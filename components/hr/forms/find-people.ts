import { hrPeopleSearchAction } from "@/lib/hr/forms/actions";

/** HR's forms choose among the company's active people: the person a form is about, a line manager. */
export const findPeople = (term: string) => hrPeopleSearchAction({ term });
