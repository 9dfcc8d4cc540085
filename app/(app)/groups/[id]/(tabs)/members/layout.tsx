import { tabLayout, tabMetadata } from "../../tabs";

export const generateMetadata = tabMetadata("members");

export default tabLayout("members");
