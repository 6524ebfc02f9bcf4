/*
 * isolation.c - the isolation demo: can one process write another's memory?
 *
 *   isolation                       run the demo (the "director" role)
 *   isolation victim WFD RFD        internal: the victim role
 *   isolation attacker ADDR ADDR    internal: the attacker role
 *
 * The director first tries fork(): it works under an MMU; without one
 * (rvmm --nommu, like Linux without CONFIG_MMU) it fails with EINVAL, so
 * every process is started with vfork + execve. The victim keeps a secret
 * string and a counter in a page it maps, prints their addresses and
 * checks both whenever the director asks. The attacker writes to those
 * addresses. With an MMU (or PMP) the addresses mean nothing in the
 * attacker's address space and the store faults: SIGSEGV. Without
 * protection they are the victim's physical memory and the victim finds
 * its data overwritten.
 *
 * The lines that do not depend on the mode or the addresses are the ones
 * tests assert; addresses appear only in the victim's announcement.
 * Built against the rvmm guest runtime (static-pie), so it runs in both
 * modes. Exit status: 0 when the demo ran (isolation held or not), 2 on a
 * setup error.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define SECRET	"the eagle lands at dawn"
#define FORGERY "PWNED by the attacker"
#define SMASHED 0xdead

extern char **environ;

static _Noreturn void die(const char *what)
{
	fprintf(stderr, "isolation: %s: %s\n", what, strerror(errno));
	exit(2);
}

/*
 * execve(self, argv); when the host cannot run a riscv64 ELF directly
 * (qemu-riscv64 without binfmt_misc: ENOEXEC) and RT_EXEC_VIA names an
 * interpreter, run it through that. Returns only on failure.
 */
static void exec_self(const char *self, char **args)
{
	char *argv[5] = {(char *)self, args[0], args[1], args[2], NULL};
	char *via = getenv("RT_EXEC_VIA");

	execve(self, argv, environ);
	if (errno == ENOENT) { /* argv[0] is no file in our root: try the kernel's link */
		argv[0] = "/proc/self/exe";
		execve(argv[0], argv, environ);
	}
	if (errno == ENOEXEC && via && *via) {
		char *vargv[6] = {via, (char *)self, args[0], args[1], args[2], NULL};
		execve(via, vargv, environ);
	}
}

/* vfork + exec self with role arguments; the child only execs or _exits. */
static pid_t spawn(const char *self, char **args)
{
	pid_t p;

	fflush(stdout);
	p = vfork();
	if (p < 0)
		die("vfork");
	if (p == 0) {
		exec_self(self, args);
		_exit(127);
	}
	return p;
}

static void describe(const char *who, int status)
{
	if (WIFSIGNALED(status))
		printf("%s: killed by signal %d (%s)\n", who, WTERMSIG(status),
		       strsignal(WTERMSIG(status)));
	else
		printf("%s: exited with status %d\n", who, WEXITSTATUS(status));
}

static int victim(int wfd, int rfd)
{
	char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *secret;
	volatile long *counter;
	long expected = 0;
	int checks = 0, intact = 1;
	char cmd, line[64];

	if (page == MAP_FAILED)
		die("victim: mmap");
	secret = page + 256;
	counter = (volatile long *)(page + 1024);
	strcpy(secret, SECRET);
	*counter = 0;
	printf("victim: secret \"%s\" at %p, counter at %p\n", secret, (void *)secret,
	       (void *)counter);
	fflush(stdout);
	snprintf(line, sizeof(line), "%p %p\n", (void *)secret, (void *)counter);
	if (write(wfd, line, strlen(line)) < 0)
		die("victim: write");

	while (read(rfd, &cmd, 1) == 1 && cmd == 'c') {
		int ok_secret = !strcmp(secret, SECRET), ok_counter = *counter == expected;
		checks++;
		if (ok_secret && ok_counter) {
			printf("victim: check %d: secret intact, counter intact (%ld)\n", checks,
			       expected);
		} else {
			intact = 0;
			printf("victim: check %d: secret %s, counter %s\n", checks,
			       ok_secret ? "intact" : "CORRUPTED",
			       ok_counter ? "intact" : "CORRUPTED");
			if (!ok_secret)
				printf("victim: my secret now reads \"%.40s\"\n", secret);
			if (!ok_counter)
				printf("victim: my counter is %ld, it should be %ld\n", *counter,
				       expected);
		}
		/* repair nothing; keep counting so the next check is meaningful */
		*counter = ++expected;
		fflush(stdout);
		if (write(wfd, "k", 1) != 1)
			die("victim: write");
	}
	return intact ? 0 : 1;
}

static int attacker(const char *a_secret, const char *a_counter)
{
	char *secret = (char *)strtoul(a_secret, NULL, 16);
	volatile long *counter = (volatile long *)strtoul(a_counter, NULL, 16);

	printf("attacker: writing over the victim's secret and counter at its addresses\n");
	fflush(stdout);
	strcpy(secret, FORGERY);
	*counter = SMASHED;
	printf("attacker: both writes went through\n");
	return 0;
}

/* Ask the victim to check its data and wait until it has reported. */
static void victim_check(int cmdfd, int ackfd)
{
	char ack;

	if (write(cmdfd, "c", 1) != 1 || read(ackfd, &ack, 1) != 1)
		die("talking to the victim");
}

static int director(const char *self)
{
	int to_victim[2], from_victim[2], status;
	char wfd[16], rfd[16], line[64], *sp;
	char a_secret[24] = "", a_counter[24] = "";
	pid_t p, vpid, apid;
	ssize_t n;
	size_t got = 0;

	printf("isolation: a victim keeps a secret; an attacker writes to its addresses\n");
	p = fork();
	if (p == 0)
		_exit(0);
	if (p > 0) {
		waitpid(p, &status, 0);
		printf(
		    "fork: works (this kernel has an MMU); starting processes with vfork anyway\n");
	} else {
		printf("fork: %s%s\n", strerror(errno),
		       errno == EINVAL ? " (NOMMU: no fork without an MMU; using vfork)" : "");
	}

	if (pipe(to_victim) < 0 || pipe(from_victim) < 0)
		die("pipe");
	snprintf(wfd, sizeof(wfd), "%d", from_victim[1]);
	snprintf(rfd, sizeof(rfd), "%d", to_victim[0]);
	vpid = spawn(self, (char *[]){"victim", wfd, rfd});
	close(from_victim[1]);
	close(to_victim[0]);

	while (got < sizeof(line) - 1 && (got == 0 || line[got - 1] != '\n')) {
		n = read(from_victim[0], line + got, sizeof(line) - 1 - got);
		if (n <= 0)
			die("reading the victim's addresses");
		got += (size_t)n;
	}
	line[got] = 0;
	sp = strchr(line, ' ');
	if (!sp || sp - line >= (long)sizeof(a_secret))
		die("parsing the victim's addresses");
	memcpy(a_secret, line, (size_t)(sp - line));
	snprintf(a_counter, sizeof(a_counter), "%.*s", (int)strcspn(sp + 1, "\n"), sp + 1);

	victim_check(to_victim[1], from_victim[0]);
	apid = spawn(self, (char *[]){"attacker", a_secret, a_counter});
	if (waitpid(apid, &status, 0) != apid)
		die("waitpid");
	describe("attacker", status);
	fflush(stdout);
	victim_check(to_victim[1], from_victim[0]);
	if (write(to_victim[1], "q", 1) != 1) /* the attacker holds a copy: no EOF */
		die("talking to the victim");
	close(to_victim[1]);
	if (waitpid(vpid, &status, 0) != vpid)
		die("waitpid");
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		printf("isolation: held: the victim's memory is out of the attacker's reach\n");
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 1)
		printf("isolation: BROKEN: the attacker wrote into the victim's memory\n");
	else
		describe("victim", status);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "victim"))
		return victim(atoi(argv[2]), atoi(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "attacker"))
		return attacker(argv[2], argv[3]);
	if (argc != 1) {
		fprintf(stderr, "usage: isolation\n");
		return 2;
	}
	return director(argv[0]);
}
