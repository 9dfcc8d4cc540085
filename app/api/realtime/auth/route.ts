export { handleChannelAuth as POST } from "@/lib/realtime/auth-handlers";
