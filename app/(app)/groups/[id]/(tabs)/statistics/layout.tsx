import { tabLayout, tabMetadata } from "../../tabs";

export const generateMetadata = tabMetadata("statistics");

export default tabLayout("statistics");
