package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"syscall"
	"unsafe"
)

// Landlock (linux/landlock.h), by raw system calls: nothing outside the standard library.
const (
	sysCreateRuleset = 444
	sysAddRule       = 445
	sysRestrictSelf  = 446

	rulesetVersion   = 1
	rulePathBeneath  = 1
	scopeAbstractUDS = 1
	scopeSignal      = 2

	fsExecute    = 1 << 0
	fsWriteFile  = 1 << 1
	fsReadFile   = 1 << 2
	fsReadDir    = 1 << 3
	fsRemoveDir  = 1 << 4
	fsRemoveFile = 1 << 5
	fsMakeChar   = 1 << 6
	fsMakeDir    = 1 << 7
	fsMakeReg    = 1 << 8
	fsMakeSock   = 1 << 9
	fsMakeFifo   = 1 << 10
	fsMakeBlock  = 1 << 11
	fsMakeSym    = 1 << 12
	fsRefer      = 1 << 13 // ABI 2
	fsTruncate   = 1 << 14 // ABI 3

	fsRead = fsReadFile | fsReadDir

	prSetNoNewPrivs = 38       // linux/prctl.h
	oPath           = 0x200000 // O_PATH, linux/amd64
)

// rule grants access beneath path (or to path itself, for a file).
type rule struct {
	path   string
	access uint64
}

type rulesetAttr struct {
	handledFS  uint64
	handledNet uint64
	scoped     uint64
}

func restrict(cfg *childConfig) error {
	abi, _, errno := syscall.Syscall(sysCreateRuleset, 0, 0, rulesetVersion)
	if errno != 0 {
		return fmt.Errorf("not available (%v)", errno)
	}
	handled := uint64(fsExecute | fsWriteFile | fsReadFile | fsReadDir | fsRemoveDir | fsRemoveFile | fsMakeChar |
		fsMakeDir | fsMakeReg | fsMakeSock | fsMakeFifo | fsMakeBlock | fsMakeSym)
	size := uintptr(8)
	if abi >= 2 {
		handled |= fsRefer
	}
	if abi >= 3 {
		handled |= fsTruncate
	}
	attr := rulesetAttr{handledFS: handled}
	if abi >= 6 {
		// Signals and abstract sockets stay inside the jail: no signal reaches the judge.
		attr.scoped = scopeAbstractUDS | scopeSignal
		size = 24
	}
	fd, _, errno := syscall.Syscall(sysCreateRuleset, uintptr(unsafe.Pointer(&attr)), size, 0)
	if errno != 0 {
		return fmt.Errorf("create ruleset: %v", errno)
	}
	rw := handled &^ fsExecute
	fileRW := uint64(fsReadFile | fsWriteFile)
	if abi >= 3 {
		fileRW |= fsTruncate
	}
	rules := []rule{
		{"/usr", fsRead}, {"/etc", fsRead},
		{"/dev/null", fileRW}, {"/dev/zero", fsReadFile}, {"/dev/urandom", fsReadFile}, {"/dev/random", fsReadFile},
	}
	if interp, err := filepath.EvalSymlinks("/lib64/ld-linux-x86-64.so.2"); err == nil {
		rules = append(rules, rule{interp, fsReadFile | fsExecute})
	}
	for _, dir := range cfg.RW {
		rules = append(rules, rule{dir, rw})
	}
	if cfg.Exec != "" {
		rules = append(rules, rule{cfg.Exec, fsReadFile | fsExecute})
	}
	if cfg.Proc {
		rules = append(rules, rule{"/proc", fsRead})
	}
	for _, r := range rules {
		if err := addRule(int(fd), r.path, r.access); err != nil {
			return err
		}
	}
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, prSetNoNewPrivs, 1, 0); errno != 0 {
		return fmt.Errorf("no_new_privs: %v", errno)
	}
	if _, _, errno := syscall.Syscall(sysRestrictSelf, fd, 0, 0); errno != 0 {
		return fmt.Errorf("restrict: %v", errno)
	}
	syscall.Close(int(fd))
	return nil
}

func addRule(rulesetFD int, path string, access uint64) error {
	fd, err := syscall.Open(path, oPath|syscall.O_CLOEXEC, 0)
	if err != nil {
		if errors.Is(err, syscall.ENOENT) {
			return nil // e.g. no /dev/random in this container: nothing to allow
		}
		return fmt.Errorf("open %s: %v", path, err)
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err == nil && st.Mode&syscall.S_IFMT != syscall.S_IFDIR {
		access &= fsExecute | fsWriteFile | fsReadFile | fsTruncate // rights a file can have
	}
	var buf [12]byte // struct landlock_path_beneath_attr is packed: u64 access, s32 fd
	*(*uint64)(unsafe.Pointer(&buf[0])) = access
	*(*int32)(unsafe.Pointer(&buf[8])) = int32(fd)
	if _, _, errno := syscall.Syscall6(sysAddRule, uintptr(rulesetFD), rulePathBeneath,
		uintptr(unsafe.Pointer(&buf[0])), 0, 0, 0); errno != 0 {
		return fmt.Errorf("rule %s: %v", path, errno)
	}
	return nil
}
