// The documented MED-V prestaging procedure, end to end.
//   prestage run medv-prestage --target CLIENT -p source=DIR [-p root=C:\] [-p package=MED-V_1.0.65.msi]
// CLIENT is the client's C: drive: `live` on Windows, an ntfs-3g mount point or a folder on Linux.
// Add --what-if first to see every change without making one.
description 'The documented MED-V prestaging procedure, end to end'
param 'source',  'the folder with the .ckm and .index files'
param 'root',    'the drive that holds the image store', default: 'C:\\'
param 'package', 'the MED-V client installer the install command names', default: 'MED-V_1.0.65.msi'

def s = store params.root                                   // 1-2: MED-V Images\PrestagedImages, exact names

acl s.root,      medv.acl, protect: true                    // 3: the documented ACL on MED-V Images
acl s.prestaged, medv.acl, protect: true                    // 4: and on PrestagedImages

push from: params.source, to: s.prestaged                   // 5: *.ckm and *.index, hashed on the way
verify s.prestaged, readOnly: true                          //    integrity check, then read-only

registry.set medv.registryKey, medv.registryValue, s.prestaged, view: medv.registryView   // PrestagedImagesPath, 32-bit view

// 6: the client install command, pointing VMSFOLDER at the store
println msi(params.package, VMSFOLDER: s.root, START_MEDV: 0, quiet: true)
