"""A thin driver for OpenDKIM's libopendkim (Debian libopendkim11, pulled in by opendkim-tools),
called through ctypes: `verify MESSAGE KEYFILE` prints one result per signature ("pass" or
"fail:<reason>"), with the keys read from KEYFILE ("<selector>._domainkey.<domain> <record>"
lines, libopendkim's DKIM_QUERY_FILE method, so no DNS is involved); `sign MESSAGE ALG HC/BC
SELECTOR DOMAIN PEMFILE` writes the message with libopendkim's DKIM-Signature prepended.
Constants are those of libopendkim/dkim.h (OpenDKIM 2.11)."""
import ctypes, sys
L = ctypes.CDLL('libopendkim.so.11')
DKIM_OP_SETOPT, DKIM_OPTS_QUERYMETHOD, DKIM_OPTS_QUERYINFO, DKIM_QUERY_FILE = 1, 6, 7, 1
DKIM_SIGFLAG_PASSED, DKIM_SIGBH_MATCH = 0x04, 0
P = ctypes.c_void_p
L.dkim_init.restype = P; L.dkim_init.argtypes = [P, P]
L.dkim_options.argtypes = [P, ctypes.c_int, ctypes.c_int, P, ctypes.c_size_t]
L.dkim_verify.restype = P; L.dkim_verify.argtypes = [P, ctypes.c_char_p, P, ctypes.POINTER(ctypes.c_int)]
L.dkim_sign.restype = P
L.dkim_sign.argtypes = [P, ctypes.c_char_p, P, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_ssize_t, ctypes.POINTER(ctypes.c_int)]
L.dkim_chunk.argtypes = [P, ctypes.c_char_p, ctypes.c_size_t]
L.dkim_eom.argtypes = [P, P]
L.dkim_getsighdr.argtypes = [P, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_size_t]
L.dkim_getsiglist.argtypes = [P, ctypes.POINTER(ctypes.POINTER(P)), ctypes.POINTER(ctypes.c_int)]
L.dkim_sig_getflags.argtypes = [P]; L.dkim_sig_getflags.restype = ctypes.c_uint
L.dkim_sig_getbh.argtypes = [P]
L.dkim_sig_geterror.argtypes = [P]
L.dkim_sig_geterrorstr.argtypes = [ctypes.c_int]; L.dkim_sig_geterrorstr.restype = ctypes.c_char_p
L.dkim_getresultstr.argtypes = [ctypes.c_int]; L.dkim_getresultstr.restype = ctypes.c_char_p
L.dkim_geterror.argtypes = [P]; L.dkim_geterror.restype = ctypes.c_char_p
L.dkim_free.argtypes = [P]; L.dkim_close.argtypes = [P]
mode = sys.argv[1]
msg = open(sys.argv[2], 'rb').read()
lib = L.dkim_init(None, None)
st = ctypes.c_int(0)
if mode == 'verify':
    qm = ctypes.c_int(DKIM_QUERY_FILE)
    L.dkim_options(lib, DKIM_OP_SETOPT, DKIM_OPTS_QUERYMETHOD, ctypes.byref(qm), ctypes.sizeof(qm))
    path = ctypes.create_string_buffer(sys.argv[3].encode())
    L.dkim_options(lib, DKIM_OP_SETOPT, DKIM_OPTS_QUERYINFO, path, len(path))
    d = L.dkim_verify(lib, b'peer', None, ctypes.byref(st))
else:
    alg = {'rsa-sha256': 1, 'ed25519-sha256': 2}[sys.argv[3]]
    canon = {'simple': 0, 'relaxed': 1}
    key = open(sys.argv[7], 'rb').read()
    d = L.dkim_sign(lib, b'peer', None, key, sys.argv[5].encode(), sys.argv[6].encode(), canon[sys.argv[4].split('/')[0]], canon[sys.argv[4].split('/')[1]], alg, -1, ctypes.byref(st))
if not d:
    sys.exit('dkim handle: ' + L.dkim_getresultstr(st.value).decode())
s = L.dkim_chunk(d, msg, len(msg))
if s != 0:
    sys.exit('chunk: ' + L.dkim_getresultstr(s).decode())
L.dkim_chunk(d, None, 0)
s3 = L.dkim_eom(d, None)
if mode == 'verify':
    sigs = ctypes.POINTER(P)(); n = ctypes.c_int(0)
    L.dkim_getsiglist(d, ctypes.byref(sigs), ctypes.byref(n))
    out = []
    for i in range(n.value):
        sig = sigs[i]
        ok = (L.dkim_sig_getflags(sig) & DKIM_SIGFLAG_PASSED) != 0 and L.dkim_sig_getbh(sig) == DKIM_SIGBH_MATCH
        out.append('pass' if ok else 'fail:' + L.dkim_sig_geterrorstr(L.dkim_sig_geterror(sig)).decode())
    print(','.join(out) if out else 'none:' + L.dkim_getresultstr(s3).decode())
else:
    if s3 != 0:
        sys.exit('eom: ' + L.dkim_getresultstr(s3).decode() + ' ' + str(L.dkim_geterror(d)))
    buf = ctypes.create_string_buffer(8192)
    L.dkim_getsighdr(d, buf, len(buf), len('DKIM-Signature: '))
    sys.stdout.buffer.write(b'DKIM-Signature: ' + buf.value.replace(b'\r\n', b'\n').replace(b'\n', b'\r\n') + b'\r\n' + msg)
L.dkim_free(d); L.dkim_close(lib)
