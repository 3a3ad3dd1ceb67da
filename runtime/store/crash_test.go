package store

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const (
	crashEnvDB    = "ANTENA_STORE_CRASH_DB"
	crashEnvStart = "ANTENA_STORE_CRASH_START"
	crashKeys     = 8
)

// crashValue is the value the writer stores for write number i: a table whose
// fields all derive from i, so a torn or mixed value is detected.
func crashValue(i int) Table {
	return Table{{"i", float64(i)}, {"pad", strings.Repeat(strconv.Itoa(i%10), i%700)}, {"odd", i%2 == 1}}
}

// crashChild writes forever: write i goes to key i%crashKeys, and "ack i" is
// printed after Put returns.
func crashChild() {
	db, err := Open(os.Getenv(crashEnvDB), nil)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	ns, _ := db.Namespace("crash", 1<<30)
	start, _ := strconv.Atoi(os.Getenv(crashEnvStart))
	w := bufio.NewWriter(os.Stdout)
	for i := start; ; i++ {
		if err := ns.Put(Shared, "k"+strconv.Itoa(i%crashKeys), crashValue(i)); err != nil {
			fmt.Fprintln(w, "error", err)
			w.Flush()
			os.Exit(1)
		}
		fmt.Fprintln(w, "ack", i)
		w.Flush()
	}
}

func TestCrashKeepsWrittenValues(t *testing.T) {
	if os.Getenv(crashEnvDB) != "" {
		crashChild()
		return
	}
	if testing.Short() {
		t.Skip("crash test re-executes the test binary")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	lastAck := map[int]int{} // key -> last acknowledged write number
	next := 0
	deadline := time.Now().Add(20 * time.Second)
	for round := 0; round < 4 && time.Now().Before(deadline); round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashKeepsWrittenValues$")
		cmd.Env = append(os.Environ(), crashEnvDB+"="+path, crashEnvStart+"="+strconv.Itoa(next))
		out, err := cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())

		// Kill after a random number of acknowledged writes: the child is then
		// somewhere inside the next Put.
		killAfter := 5 + rand.IntN(60)
		sc := bufio.NewScanner(out)
		acks, maxAck := 0, next-1
		for sc.Scan() {
			line := sc.Text()
			if rest, ok := strings.CutPrefix(line, "ack "); ok {
				i, _ := strconv.Atoi(rest)
				lastAck[i%crashKeys] = i
				maxAck = i
				acks++
				if acks == killAfter {
					require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
				}
			} else if strings.HasPrefix(line, "error") {
				t.Fatalf("child: %s", line)
			}
		}
		_ = cmd.Wait()
		require.GreaterOrEqual(t, acks, killAfter, "the child stopped before it was killed")

		db, err := Open(path, nil)
		require.NoError(t, err)
		ns, _ := db.Namespace("crash", 1<<30)
		for k := 0; k < crashKeys; k++ {
			v, found, err := ns.Get(Shared, "k"+strconv.Itoa(k))
			require.NoError(t, err, "round %d key %d", round, k)
			ack, acked := lastAck[k]
			if !found {
				require.False(t, acked, "round %d: acknowledged key %d lost", round, k)
				continue
			}
			tb, ok := v.(Table)
			require.True(t, ok)
			i := int(tb.Get("i").(float64))
			require.ElementsMatch(t, crashValue(i), tb, "round %d key %d: value is not one that was written", round, k)
			require.Equal(t, k, i%crashKeys)
			// Only the write in progress (maxAck+1) may be newer than what was acknowledged.
			require.LessOrEqual(t, i, maxAck+1)
			if acked {
				require.GreaterOrEqual(t, i, ack, "round %d key %d: acknowledged write %d lost", round, k, ack)
			}
			lastAck[k] = i
		}
		require.NoError(t, db.Close())
		next = maxAck + 2
	}
}
