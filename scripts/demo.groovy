// The demo: a client in a folder, sample images generated, the whole MED-V procedure applied.
//   prestage run scripts/demo.groovy [-p dir=demo] [-p sizeMiB=64]
// Run it twice: the second run finds everything in place and reports only `ok`.

def dir = new File(params.get('dir', 'demo')).absoluteFile
def sizeMiB = params.get('sizeMiB', '64') as long

// Sample images: a .ckm and its .index, the same random bytes on every run (fixed seed).
def images = new File(dir, 'images')
images.mkdirs()
sample(new File(images, 'Win7Corp.ckm'), sizeMiB << 20, 1)
sample(new File(images, 'Win7Corp.ckm.index'), Math.max(4096L, (sizeMiB << 20) / 256 as long), 2)

def clientDrive = new File(dir, 'client')
clientDrive.mkdirs()
println "demo client C:\\ is ${clientDrive}; images come from ${images}"

client(clientDrive) {
    def s = store 'C:\\'
    acl s.root,      medv.acl, protect: true
    acl s.prestaged, medv.acl, protect: true
    push from: images, to: s.prestaged
    verify s.prestaged, readOnly: true
    registry.set medv.registryKey, medv.registryValue, s.prestaged, view: medv.registryView
    println msi('MED-V_1.0.65.msi', VMSFOLDER: s.root, START_MEDV: 0, quiet: true)
}

/** Writes {@code bytes} random bytes from {@code seed} unless the file already has exactly that size. */
def sample(File file, long bytes, long seed) {
    if (file.length() == bytes) return
    def random = new Random(seed)
    def buffer = new byte[1 << 20]
    file.withOutputStream { out ->
        for (long left = bytes; left > 0; left -= buffer.length) {
            random.nextBytes(buffer)
            out.write(buffer, 0, (int) Math.min(left, buffer.length))
        }
    }
}
