// The demo: a client in a folder, sample images generated, the whole MED-V procedure applied.
//   prestage run scripts/demo.groovy [-p dir=demo] [-p sizeMiB=64] [-p remote=yes]
// Run it twice: the second run finds everything in place and reports only `ok`.
// remote=yes (needs Samba's smbd, smbclient and samba-tool, and root): also starts a private smbd on 127.0.0.1,
// prestages it over SMB as a Windows client on the network, prints what Samba's own tools say, and stops it.

def dir = new File(params.get('dir', 'demo')).absoluteFile
def sizeMiB = params.get('sizeMiB', '64') as long
def remote = params.get('remote', 'no')
if (!(remote in ['yes', 'no'])) throw new prestage.core.BadInputException("-p remote=${remote}: give remote=yes or remote=no")

// Sample images: a .ckm and its .index, the same random bytes on every run (fixed seed).
def images = new File(dir, 'images')
images.mkdirs()
sample(new File(images, 'Win7Corp.ckm'), sizeMiB << 20, 1)
sample(new File(images, 'Win7Corp.ckm.index'), Math.max(4096L, (sizeMiB << 20) / 256 as long), 2)

def clientDrive = new File(dir, 'client')
clientDrive.mkdirs()
println "demo client C:\\ is ${clientDrive}; images come from ${images}"
client(clientDrive) { prestageDemo(images) }

if (remote == 'yes') {
    // smbd knowledge stays in the smb module: the demo reaches its server by class name
    def server = prestage.smb.demo.DemoSmbd.start(new File(dir, 'remote').toPath())
    try {
        println "demo remote client: smbd (pid ${server.pid()}, signing mandatory) serves ${server.shareDir()} as ${server.target()}"
        client(server.target(), credentials: server.credentialsFile().toString()) { prestageDemo(images) }
        def prestaged = 'MED-V Images\\PrestagedImages'
        println "what Samba's tools say about the remote client:"
        println "  sha256sum -c (served folder):\n" + server.sha256sumCheck(prestaged).readLines().collect { '    ' + it }.join('\n')
        println "  samba-tool ntacl get, MED-V Images:       " + server.ntacl('MED-V Images')
        println "  samba-tool ntacl get, PrestagedImages:    " + server.ntacl(prestaged)
        println "  samba-tool ntacl get, Win7Corp.ckm:       " + server.ntacl(prestaged + '\\Win7Corp.ckm')
        println "  smbclient allinfo, Win7Corp.ckm:          " + server.attributes(prestaged + '\\Win7Corp.ckm')
        println "  net rpc registry getvalue, ${medv.registryKey} (32-bit view):\n" +
                server.registryValue('HKLM\\SOFTWARE\\WOW6432Node\\Kidaro', medv.registryValue).readLines().collect { '    ' + it }.join('\n')
    } finally {
        server.close()
        println "demo smbd stopped"
    }
}

/** The documented procedure against the client in scope; prints the install command. */
def prestageDemo(File images) {
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
