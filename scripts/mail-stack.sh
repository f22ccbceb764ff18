#!/usr/bin/env bash
# A real MTA and a real mailbox on loopback, for the end-to-end bounce test (and for trying
# inbound by hand): Debian's Postfix as the relay on 127.0.0.1:25, delivering mail for
# news.example.org to local Maildirs, and Debian's Dovecot serving them over IMAP on
# 127.0.0.1:143. Unknown local users are accepted at RCPT and then bounced by Postfix's local
# agent, so the bounce arrives as a DSN, as it does through any relay.
#
#   mailbox of bounces:  nlbounces@news.example.org  (IMAP user nlbounces, password nl-bounces)
#   a reader that exists: nlreader@news.example.org  (IMAP user nlreader, password nl-reader)
#
# Needs root (it configures the system's Postfix and Dovecot): meant for CI and throwaway
# development machines. Safe to run again.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
export DEBIAN_FRONTEND=noninteractive

if ! command -v postfix >/dev/null 2>&1 || ! command -v dovecot >/dev/null 2>&1; then
  echo "installing Debian's postfix and dovecot-imapd"
  echo "postfix postfix/main_mailer_type select Local only" | as_root debconf-set-selections
  echo "postfix postfix/mailname string mail.news.example.org" | as_root debconf-set-selections
  as_root apt-get update -qq
  as_root apt-get install -y -qq postfix dovecot-imapd >/dev/null
fi

for user in nlbounces nlreader; do
  id "$user" >/dev/null 2>&1 || as_root useradd --create-home --shell /usr/sbin/nologin "$user"
  as_root install -d -o "$user" -g "$user" -m 700 "/home/$user/Maildir" \
    "/home/$user/Maildir/new" "/home/$user/Maildir/cur" "/home/$user/Maildir/tmp"
done

as_root postconf -e \
  "myhostname = mail.news.example.org" \
  "mydomain = news.example.org" \
  "myorigin = \$mydomain" \
  "mydestination = news.example.org, localhost" \
  "inet_interfaces = loopback-only" \
  "inet_protocols = ipv4" \
  "mynetworks = 127.0.0.0/8" \
  "recipient_delimiter = +" \
  "home_mailbox = Maildir/" \
  "local_recipient_maps =" \
  "smtpd_banner = \$myhostname ESMTP" \
  "maillog_file = /var/log/postfix.log" \
  "relayhost =" \
  "default_transport = error:no mail leaves this test relay" \
  "biff = no"
as_root newaliases
if as_root postfix status >/dev/null 2>&1; then as_root postfix reload >/dev/null 2>&1; else as_root postfix start >/dev/null 2>&1; fi

users_file=/etc/dovecot/newsletter-users
{
  echo "nlbounces:{PLAIN}nl-bounces:$(id -u nlbounces):$(id -g nlbounces)::/home/nlbounces::"
  echo "nlreader:{PLAIN}nl-reader:$(id -u nlreader):$(id -g nlreader)::/home/nlreader::"
} | as_root tee "$users_file" >/dev/null
as_root chmod 640 "$users_file"
as_root chgrp dovecot "$users_file"
# A standalone configuration (not Debian's conf.d, which wants a TLS certificate).
conf=/etc/dovecot/newsletter-test.conf
as_root tee "$conf" >/dev/null <<CONF
# Written by scripts/mail-stack.sh: IMAP on loopback for the bounce test.
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
log_path = /var/log/dovecot-newsletter.log
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%n $users_file
}
userdb {
  driver = passwd-file
  args = username_format=%n $users_file
}
CONF
pidfile=/run/dovecot/master.pid
if [ -f "$pidfile" ] && as_root kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  as_root dovecot -c "$conf" reload
else
  as_root dovecot -c "$conf"
fi

for port in 25 143; do
  for _ in $(seq 1 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.2
  done
done
echo "Postfix on 127.0.0.1:25 and Dovecot IMAP on 127.0.0.1:143 are running (domain news.example.org)"
