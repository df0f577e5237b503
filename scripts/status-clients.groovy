// The status of several clients at once, as a table: one row per client, the checks that drifted named.
//   prestage run status-clients -p clients=/mnt/client1,/mnt/client2 [-p root=C:\]
//   prestage run status-clients -p clients=@clients.txt          (one client drive per line)

description 'Status of several clients as a table: layout, ACLs, images, read-only marks, registry value'
param 'clients', 'comma-separated client drives (folders or ntfs-3g mount points), or @FILE with one per line'
param 'root', 'the drive that holds the image store', default: 'C:\\'

include 'common.groovy'

def rows = eachClient {
    status params.root
}.collect { r ->
    if (r.error) return [client: r.client, result: 'failed', drift: '', failed: '', message: r.error]
    def step = r.result
    [client: r.client, result: step.status().label(), drift: step.data().drift, failed: step.data().failed, message: step.message()]
}
table(['client', 'result', 'drift', 'failed', 'message'], rows)
