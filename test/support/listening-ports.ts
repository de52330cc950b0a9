import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** TCP ports in LISTEN state, by socket inode (Linux /proc). */
function listeningSockets(): Map<string, number> {
  const sockets = new Map<string, number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT, st 0A is LISTEN, inode is the tenth field.
      if (fields.length > 9 && fields[3] === '0A') {
        sockets.set(fields[9], parseInt(fields[1].split(':')[1], 16));
      }
    }
  }
  return sockets;
}

/**
 * The TCP ports that the processes of one process group listen on: a hub started detached is its
 * own group, so this shows every server it started (its HTTP port, and any simulator).
 */
export function listeningPorts(processGroup: number): number[] {
  const sockets = listeningSockets();
  const ports = new Set<number>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let fds: string[];
    try {
      // Field 5 of stat is the process group; the command (field 2) may hold spaces.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== processGroup) continue;
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const fd of fds) {
      try {
        const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        const port = inode && sockets.get(inode);
        if (port) ports.add(port);
      } catch {
        // closed meanwhile
      }
    }
  }
  return [...ports].sort((a, b) => a - b);
}
