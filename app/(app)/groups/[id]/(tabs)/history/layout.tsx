import { tabLayout, tabMetadata } from "../../tabs";

export const generateMetadata = tabMetadata("history");

export default tabLayout("history");
