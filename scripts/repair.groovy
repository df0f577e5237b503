// Re-apply what drifted on a client: the layout, both folder ACLs, damaged or missing images (re-pushed from
// their source, read-only or not), the read-only marks, and the registry value. What is in place stays untouched.
//   prestage run repair --target /mnt/client -p source=/srv/medv-images [--what-if]

description 'Re-apply what drifted on a client: folder ACLs, damaged images, read-only marks, the registry value'
param 'source', 'the folder the images were pushed from, to re-push damaged or missing ones'
param 'root', 'the drive that holds the image store', default: 'C:\\'
param 'clients', 'comma-separated client drives (folders or ntfs-3g mount points), or @FILE; default: the --target', required: false

include 'common.groovy'

def rows = eachClient {
    def s = store params.root
    acl s.root,      medv.acl, protect: true
    acl s.prestaged, medv.acl, protect: true
    // force: a damaged image is still marked read-only; push replaces only files that differ from their source
    push from: params.source, to: s.prestaged, force: true
    verify s.prestaged, readOnly: true
    registry.set medv.registryKey, medv.registryValue, s.prestaged, view: medv.registryView
}.collect { r -> [client: r.client, result: r.error ? 'failed' : 'repaired', message: r.error ?: ''] }
if (params.has('clients')) table(['client', 'result', 'message'], rows)
