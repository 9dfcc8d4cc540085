import { tabLayout, tabMetadata } from "../../tabs";

export const generateMetadata = tabMetadata("activity");

export default tabLayout("activity");
