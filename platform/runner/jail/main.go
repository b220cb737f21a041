// Command dojo-jail is the judge's trust boundary inside the runner container
// (docs/judge-protocol.md, "Trust boundary"). The judge runs as root; everything the
// submission controls runs under another uid, fenced by Landlock, and can reach the
// judge only through a pipe whose every byte this program escapes.
//
//	dojo-jail run [options] -- CMD ARGS...   run CMD as --uid, print its output escaped
//	dojo-jail as UID -- CMD ARGS...          exec CMD as UID (the judge's own file steps)
//
// "run" prints every line the command (and anything it starts) writes as "|" + line, so
// a line that does not start with "|" can only come from root. Its last line is
//
//	@@dojo:exit CODE SIGNAL ELAPSED_MS TIMED_OUT OUTPUT_CAPPED@@
//
// taken from wait(2), not from anything the command printed. With --reap, every process
// of --uid is killed once the command exits (or its time runs out), before that line.
package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const (
	maxLine     = 64 << 10 // longer lines are cut into several "|" lines
	drainGrace  = 2 * time.Second
	statusFD    = 3 // the child's report on setting up the jail, closed on exec
	exitCodeErr = 125
)

// childConfig is what the parent hands the re-executed child (already under --uid).
type childConfig struct {
	Argv     []string
	Env      []string
	Landlock bool
	Proc     bool     // read-only /proc (the race detector reads /proc/self/maps)
	RW       []string // read-write trees
	Exec     string   // the one file it may execute (besides the ELF interpreter)
}

type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

func fail(format string, args ...any) {
	fmt.Printf("@@dojo:jail-error %s@@\n", strings.ReplaceAll(fmt.Sprintf(format, args...), "\n", " "))
	os.Exit(exitCodeErr)
}

func main() {
	if len(os.Args) < 2 {
		fail("usage: dojo-jail run|as ...")
	}
	switch os.Args[1] {
	case "run":
		runMain(os.Args[2:])
	case "as":
		asMain(os.Args[2:])
	case "child":
		childMain(os.Args[2:])
	case "killer":
		// Runs as the uid to clean up: kill(-1) reaches every process of that uid at once
		// (the kernel blocks fork while it walks the task list) and no other uid's. With
		// "wait" it first blocks until its stdin closes: started before the command, it needs
		// no fork when the command's processes have used up the pids limit.
		if len(os.Args) > 2 && os.Args[2] == "wait" {
			_, _ = io.Copy(io.Discard, os.Stdin)
		}
		_ = syscall.Kill(-1, syscall.SIGKILL)
	default:
		fail("unknown mode %q", os.Args[1])
	}
}

// asMain: dojo-jail as UID -- CMD ARGS...: drop to UID (gid = UID, no groups) and exec.
func asMain(args []string) {
	if len(args) < 3 || args[1] != "--" {
		fail("usage: dojo-jail as UID -- CMD ARGS...")
	}
	uid, err := strconv.Atoi(args[0])
	if err != nil || uid <= 0 {
		fail("bad uid %q", args[0])
	}
	if err := dropTo(uid); err != nil {
		fail("drop to %d: %v", uid, err)
	}
	path, err := exec.LookPath(args[2])
	if err != nil {
		fail("%v", err)
	}
	fail("exec %s: %v", path, syscall.Exec(path, args[2:], os.Environ()))
}

func dropTo(uid int) error {
	if err := syscall.Setgroups(nil); err != nil {
		return err
	}
	if err := syscall.Setresgid(uid, uid, uid); err != nil {
		return err
	}
	return syscall.Setresuid(uid, uid, uid)
}

type runOptions struct {
	uid, filterUID   int
	cwd, exe         string
	env, rw          multi
	landlock, proc   bool
	inheritEnv       bool
	stdin, reap      bool
	timeout          float64
	maxOutput        int64
	test2json        string
	test2jsonPackage string
}

func runMain(args []string) {
	var o runOptions
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.IntVar(&o.uid, "uid", 0, "uid (and gid) to run as")
	fs.StringVar(&o.cwd, "cwd", "/", "working directory")
	fs.Var(&o.env, "env", "KEY=VALUE for the command (repeatable)")
	fs.BoolVar(&o.inheritEnv, "inherit-env", false, "pass this process's environment instead")
	fs.BoolVar(&o.landlock, "landlock", false, "fence the command with Landlock")
	fs.BoolVar(&o.proc, "proc", false, "with --landlock: allow reading /proc")
	fs.Var(&o.rw, "rw", "with --landlock: a read-write tree (repeatable)")
	fs.StringVar(&o.exe, "exec", "", "with --landlock: the one file that may be executed")
	fs.BoolVar(&o.stdin, "stdin", false, "give the command this process's stdin (else /dev/null)")
	fs.BoolVar(&o.reap, "reap", false, "kill every process of --uid when the command ends")
	fs.Float64Var(&o.timeout, "timeout", 0, "wall-clock seconds (0: none)")
	fs.Int64Var(&o.maxOutput, "max-output", 0, "bytes of output before everything is killed (0: no cap)")
	fs.StringVar(&o.test2json, "test2json", "", "pipe the output through this test2json binary")
	fs.StringVar(&o.test2jsonPackage, "package", "main", "with --test2json: the package name it reports")
	fs.IntVar(&o.filterUID, "filter-uid", 0, "with --test2json: the uid it runs as")
	if err := fs.Parse(args); err != nil {
		fail("bad options: %v", err)
	}
	argv := fs.Args()
	if o.uid <= 0 || len(argv) == 0 {
		fail("run needs --uid and a command")
	}
	if o.test2json != "" && o.filterUID <= 0 {
		fail("--test2json needs --filter-uid")
	}
	os.Exit(run(&o, argv))
}

func run(o *runOptions, argv []string) int {
	env := []string(o.env)
	if o.inheritEnv {
		env = os.Environ()
	}
	cfg := childConfig{Argv: argv, Env: env, Landlock: o.landlock, Proc: o.proc, RW: o.rw, Exec: o.exe}
	blob, _ := json.Marshal(cfg)
	self, err := os.Executable()
	if err != nil {
		fail("own path: %v", err)
	}

	out, outW, err := os.Pipe()
	if err != nil {
		fail("pipe: %v", err)
	}
	statusR, statusW, err := os.Pipe()
	if err != nil {
		fail("pipe: %v", err)
	}
	child := exec.Command(self, "child", base64.StdEncoding.EncodeToString(blob))
	child.Dir = o.cwd
	child.Env = []string{}
	child.Stdout, child.Stderr = outW, outW
	if o.stdin {
		child.Stdin = os.Stdin
	}
	child.ExtraFiles = []*os.File{statusW}
	child.SysProcAttr = &syscall.SysProcAttr{
		Credential: &syscall.Credential{Uid: uint32(o.uid), Gid: uint32(o.uid), NoSetGroups: false},
		Setsid:     true,
		Pdeathsig:  syscall.SIGKILL,
	}

	// test2json runs as its own uid: the command's processes cannot signal, trace or feed it
	// anything but the pipe. Its output is as untrusted as its input, and escaped the same.
	reader := out
	var filter *exec.Cmd
	if o.test2json != "" {
		filtered, filteredW, err := os.Pipe()
		if err != nil {
			fail("pipe: %v", err)
		}
		filter = exec.Command(o.test2json, "-t", "-p", o.test2jsonPackage)
		filter.Env = []string{}
		filter.Stdin, filter.Stdout, filter.Stderr = out, filteredW, filteredW
		filter.SysProcAttr = &syscall.SysProcAttr{
			Credential: &syscall.Credential{Uid: uint32(o.filterUID), Gid: uint32(o.filterUID)},
			Setsid:     true,
			Pdeathsig:  syscall.SIGKILL,
		}
		if err := filter.Start(); err != nil {
			fail("start test2json: %v", err)
		}
		filteredW.Close()
		out.Close() // the filter holds the read end now
		reader = filtered
	}

	// The killer is started first, outside the jail: Landlock's signal scope keeps the
	// command's processes from killing it, and it needs no fork when they exhaust the pids.
	var killer *exec.Cmd
	var trigger io.WriteCloser
	if o.reap {
		killer = exec.Command(self, "killer", "wait")
		killer.Env = []string{}
		killer.SysProcAttr = &syscall.SysProcAttr{
			Credential: &syscall.Credential{Uid: uint32(o.uid), Gid: uint32(o.uid)},
			Pdeathsig:  syscall.SIGKILL,
		}
		if trigger, err = killer.StdinPipe(); err != nil {
			fail("pipe: %v", err)
		}
		if err := killer.Start(); err != nil {
			fail("start the killer: %v", err)
		}
	}
	reapAll := func() {
		if killer != nil {
			trigger.Close()
			_ = killer.Wait()
			killer = nil
		}
		reap(o.uid)
	}

	start := time.Now()
	if err := child.Start(); err != nil {
		fail("start: %v", err)
	}
	outW.Close()
	statusW.Close()
	setup, _ := io.ReadAll(statusR) // EOF at the child's exec (close-on-exec) or its death
	statusR.Close()
	if msg := strings.TrimSpace(string(setup)); msg != "exec" {
		_ = child.Process.Kill()
		_ = child.Wait()
		if o.reap {
			reapAll()
		}
		fail("jail setup failed: %s", msg)
	}

	capped := make(chan struct{})
	copied := make(chan struct{})
	go func() {
		escape(reader, os.Stdout, o.maxOutput, capped)
		close(copied)
	}()
	exited := make(chan *os.ProcessState, 1)
	go func() {
		_ = child.Wait()
		exited <- child.ProcessState
	}()

	var deadline <-chan time.Time
	if o.timeout > 0 {
		deadline = time.After(time.Duration(o.timeout * float64(time.Second)))
	}
	timedOut, outputCapped := false, false
	var state *os.ProcessState
	select {
	case state = <-exited:
	case <-deadline:
		timedOut = true
	case <-capped:
		outputCapped = true
	}
	elapsed := time.Since(start)
	if state == nil {
		_ = syscall.Kill(-child.Process.Pid, syscall.SIGKILL)
		if o.reap {
			reapAll()
		}
		state = <-exited
	} else if o.reap {
		// The command is gone; anything it started goes now, so nothing of it outlives the
		// run or holds the output pipe open.
		reapAll()
	}
	select {
	case <-copied:
	case <-time.After(drainGrace):
		// Only a process outside --uid could still hold the pipe: the filter. Stop it.
		if filter != nil && filter.Process != nil {
			_ = filter.Process.Kill()
		}
		<-copied
	}
	if filter != nil {
		_ = filter.Wait()
	}
	select {
	case <-capped:
		outputCapped = true
	default:
	}

	code, sig := -1, 0
	if ws, ok := state.Sys().(syscall.WaitStatus); ok {
		switch {
		case ws.Exited():
			code = ws.ExitStatus()
		case ws.Signaled():
			sig = int(ws.Signal())
		}
	}
	fmt.Printf("@@dojo:exit %d %d %d %d %d@@\n", code, sig, elapsed.Milliseconds(), b2i(timedOut), b2i(outputCapped))
	switch {
	case code == 0:
		return 0
	case code > 0:
		return code
	default:
		return 128 + sig
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// escape copies r to w a line at a time, each line prefixed with "|" (cut at maxLine), so
// nothing read from r can start a line of w. Past max bytes it signals capped and drops
// the rest, still reading so that writers never block.
func escape(r io.Reader, w io.Writer, max int64, capped chan<- struct{}) {
	bw := bufio.NewWriterSize(w, 64<<10)
	br := bufio.NewReaderSize(r, maxLine)
	var total int64
	over := false
	for {
		line, err := br.ReadSlice('\n')
		if len(line) > 0 && !over {
			total += int64(len(line))
			if max > 0 && total > max {
				over = true
				close(capped)
			} else {
				bw.WriteByte('|')
				bw.Write(line)
				if line[len(line)-1] != '\n' {
					bw.WriteByte('\n')
				}
				if br.Buffered() == 0 {
					bw.Flush() // live progress: nothing waits in our buffer while the test runs
				}
			}
		}
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			break
		}
	}
	bw.Flush()
}

// childMain runs under the target uid: fence itself, report, exec. Landlock binds the
// calling thread, so everything happens on one locked thread, which execve then keeps.
func childMain(args []string) {
	runtime.LockOSThread()
	status := os.NewFile(statusFD, "status")
	report := func(msg string) { fmt.Fprintln(status, msg) }
	if len(args) != 1 {
		report("child: bad arguments")
		os.Exit(exitCodeErr)
	}
	blob, err := base64.StdEncoding.DecodeString(args[0])
	var cfg childConfig
	if err == nil {
		err = json.Unmarshal(blob, &cfg)
	}
	if err != nil || len(cfg.Argv) == 0 {
		report(fmt.Sprintf("child: bad config: %v", err))
		os.Exit(exitCodeErr)
	}
	if cfg.Landlock {
		if err := restrict(&cfg); err != nil {
			report("landlock: " + err.Error())
			os.Exit(exitCodeErr)
		}
	}
	syscall.CloseOnExec(statusFD)
	report("exec")
	err = syscall.Exec(cfg.Argv[0], cfg.Argv, cfg.Env)
	report("exec " + cfg.Argv[0] + ": " + err.Error())
	os.Exit(exitCodeErr)
}
