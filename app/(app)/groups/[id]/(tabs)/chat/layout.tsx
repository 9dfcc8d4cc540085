import { tabLayout, tabMetadata } from "../../tabs";

export const generateMetadata = tabMetadata("chat");

export default tabLayout("chat");
