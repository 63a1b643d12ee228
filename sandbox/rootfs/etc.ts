/**
 * The text files of the built-in root filesystem's /etc, modelled on Alpine's base files but
 * saying truthfully what this tree is.
 *
 * @module
 */

export const PASSWD = `root:x:0:0:root:/root:/bin/sh
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
adm:x:3:4:adm:/var/adm:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
mail:x:8:12:mail:/var/mail:/sbin/nologin
operator:x:11:0:operator:/root:/sbin/nologin
ftp:x:21:21::/var/lib/ftp:/sbin/nologin
www-data:x:82:82:Linux User,,,:/home/www-data:/sbin/nologin
guest:x:405:100:guest:/dev/null:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
`;

export const GROUP = `root:x:0:root
bin:x:1:root,bin,daemon
daemon:x:2:root,bin,daemon
sys:x:3:root,bin
adm:x:4:root,daemon
tty:x:5:
disk:x:6:root
lp:x:7:lp
kmem:x:9:
wheel:x:10:root
mail:x:12:mail
ftp:x:21:
users:x:100:games
www-data:x:82:
nogroup:x:65533:
nobody:x:65534:
`;

export const OS_RELEASE = `NAME="Sockerless sandbox"
ID=sockerless-sandbox
ID_LIKE=alpine
VERSION_ID=1
PRETTY_NAME="Sockerless sandbox root filesystem (Alpine-like, busybox-compatible applets in TypeScript)"
`;

export const HOSTS = `127.0.0.1\tlocalhost localhost.localdomain
::1\t\tlocalhost localhost.localdomain ip6-localhost ip6-loopback
`;

/** The sandbox has no network stack, so no resolver is configured; the file says so. */
export const RESOLV_CONF =
  `# Sockerless sandbox: processes here have no network, so no nameserver is configured.
`;

export const HOSTNAME = "localhost\n";

export const SHELLS = `/bin/sh
/bin/ash
/bin/bash
`;

export const PROFILE = `export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PAGER=less
umask 022
`;
