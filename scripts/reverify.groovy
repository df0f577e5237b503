// Re-hash every prestaged image against SHA256SUMS and report, on one client or several; changes nothing.
//   prestage run reverify --target /mnt/client
//   prestage run reverify -p clients=/mnt/client1,/mnt/client2

description 'Re-hash the prestaged images of one or more clients against SHA256SUMS and report (changes nothing)'
param 'clients', 'comma-separated client drives (folders or ntfs-3g mount points), or @FILE; default: the --target', required: false
param 'root', 'the drive that holds the image store', default: 'C:\\'

include 'common.groovy'

def prestaged = params.root.replaceAll(/\\+$/, '') + '\\' + medv.storeFolder + '\\' + medv.prestagedFolder
def rows = eachClient {
    verify prestaged
}.collect { r ->
    if (r.error) return [client: r.client, result: 'failed', message: r.error]
    [client: r.client, result: r.result.status().label(), message: r.result.message()]
}
table(['client', 'result', 'message'], rows)
