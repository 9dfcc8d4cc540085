import { tabLayout } from "../../tabs";

export default tabLayout("chat");
