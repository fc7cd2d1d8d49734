#!/bin/bash
# A single-node Slurm cluster on loopback, from Debian's slurmctld, slurmd, slurm-client and munge, in a folder of
# its own: `cluster.sh start DIR` starts munged, slurmctld and slurmd and waits until the node is idle;
# `cluster.sh stop DIR` stops them. Prints the SLURM_CONF to export. Needs root (slurmd runs jobs as their user).
set -euo pipefail
cmd=$1; D=$(realpath -m "$2")
host=$(hostname -s)
stop() {
    for p in slurmd slurmctld munged; do
        [ -f "$D/$p.pid" ] && kill "$(cat "$D/$p.pid")" 2>/dev/null || true
    done
    sleep 0.5
    for p in slurmd slurmctld munged; do
        [ -f "$D/$p.pid" ] && kill -9 "$(cat "$D/$p.pid")" 2>/dev/null || true
        rm -f "$D/$p.pid"
    done
}
if [ "$cmd" = stop ]; then stop; exit 0; fi
stop
rm -rf "$D/state" "$D/spool"; mkdir -p "$D/state" "$D/spool" "$D/munge"
chmod 755 "$D" "$D/munge"   # munged refuses a socket folder others can write to
[ -f "$D/munge.key" ] || { dd if=/dev/urandom of="$D/munge.key" bs=1024 count=1 status=none; }
chmod 400 "$D/munge.key"
munged --socket="$D/munge/munge.socket.2" --key-file="$D/munge.key" --pid-file="$D/munged.pid" \
    --log-file="$D/munged.log" --seed-file="$D/munge.seed" --force
cpus=$(nproc)
cat > "$D/slurm.conf" <<CONF
ClusterName=warraq-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$D/munge/munge.socket.2
CommunicationParameters=NoInAddrAny,NoCtldInAddrAny
SchedulerParameters=batch_sched_delay=0
SlurmctldPort=6917
SlurmdPort=6918
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/slurmctld.log
SlurmdLogFile=$D/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
ReturnToService=2
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=2000 State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$D/slurm.conf"
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 60); do
    if sinfo -h -o %T 2>/dev/null | grep -q idle; then echo "SLURM_CONF=$SLURM_CONF"; exit 0; fi
    sleep 0.5
done
echo "the test cluster did not come up; logs in $D" >&2
tail -5 "$D/slurmctld.log" "$D/slurmd.log" "$D/munged.log" >&2 || true
stop
exit 1
