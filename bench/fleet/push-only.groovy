description 'Benchmark: the store and the push, nothing else (no verify read-back), to compare with cp'
param 'source', 'the folder with the .ckm and .index files'

def s = store 'C:\\'
push from: params.source, to: s.prestaged
