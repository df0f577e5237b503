// Shared helpers for the troubleshooting recipes: the clients to work on, and a table to show them.
//   include 'common.groovy'

/**
 * Runs {@code body} once per client named by -p clients=A,B (client drives: folders or ntfs-3g mount points),
 * or -p clients=@FILE (one per line, # comments); without it, once against the run's own --target.
 * A client that fails does not stop the others: its row says what went wrong.
 */
def eachClient(Closure body) {
    if (!params.has('clients')) return [[client: '(--target)', result: body.call()]]
    String spec = params.clients
    List<String> names = spec.startsWith('@') ? new File(spec.substring(1)).readLines() : spec.split(',') as List<String>
    names = names*.trim().findAll { it && !it.startsWith('#') }
    names.collect { name ->
        try {
            [client: name, result: client(name) { body.call() }]
        } catch (Exception e) {
            [client: name, error: e.message]
        }
    }
}

/** Prints rows (maps) as a table with the given columns, each as wide as its widest cell. */
def table(List<String> columns, List<Map> rows) {
    def text = { cell -> cell == null ? '' : String.valueOf(cell) }
    def widths = columns.collect { c -> ([c] + rows.collect { text(it[c]) })*.length().max() }
    def line = { List cells -> [cells, widths].transpose().collect { cell, w -> text(cell).padRight(w) }.join('  ').trim() }
    println line(columns)
    println line(widths.collect { '-' * it })
    rows.each { r -> println line(columns.collect { r[it] }) }
}
