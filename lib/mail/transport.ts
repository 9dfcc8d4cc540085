import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/base/env";

let transporter: Transporter | undefined;

/**
 * One SMTP transport per process, from `env().mail`: MailDev locally, any SMTP server in production,
 * where a connection that is not TLS from the first byte must upgrade with STARTTLS or nothing is sent.
 */
export function mailTransport(): Transporter {
  if (!transporter) {
    const { host, port, secure, requireTLS, auth } = env().mail;
    transporter = nodemailer.createTransport({ host, port, secure, requireTLS, auth, connectionTimeout: 10_000, greetingTimeout: 10_000 });
  }
  return transporter;
}
