export { handleUserAuth as POST } from "@/lib/realtime/auth-handlers";
