/*
 * txtbusy.c - "Text file busy": a running program's file cannot be opened
 * for writing or truncated, and a file open for writing cannot be executed
 * (ETXTBSY both ways), as on Linux. Runs in a directory it may write to
 * (tests/integ/kernel_proc.sh gives it a scratch root); prints the same
 * lines natively on Linux. qemu-riscv64 differs: there the host kernel
 * runs qemu, not the guest program.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *res(int r)
{
	return r < 0 ? strerror(errno) : "ok";
}

/* fork, exec path with argument "child", return what the child reported. */
static const char *run(const char *path)
{
	static char msg[64];
	int st;
	pid_t pid = fork();
	if (pid == 0) {
		execl(path, path, "child", (char *)NULL);
		_exit(errno == ETXTBSY ? 2 : 3);
	}
	waitpid(pid, &st, 0);
	snprintf(msg, sizeof(msg), "%s",
		 !WIFEXITED(st)		? "killed"
		 : WEXITSTATUS(st) == 0 ? "ran"
		 : WEXITSTATUS(st) == 2 ? "Text file busy"
					: "failed");
	return msg;
}

int main(int argc, char **argv)
{
	char buf[65536];
	ssize_t n;
	int in, out;

	if (argc > 1 && !strcmp(argv[1], "child"))
		return 0;
	if (argc > 1 && !strcmp(argv[1], "wait")) { /* run until stdin closes */
		while (read(0, buf, sizeof(buf)) > 0)
			;
		return 0;
	}
	printf("open itself for writing: %s\n", res(open("/proc/self/exe", O_WRONLY)));
	printf("truncate itself: %s\n", res(truncate("/proc/self/exe", 0)));
	printf("open itself O_RDONLY|O_TRUNC: %s\n",
	       res(open("/proc/self/exe", O_RDONLY | O_TRUNC)));
	printf("open itself read-only: %s\n", open("/proc/self/exe", O_RDONLY) >= 0 ? "ok" : "?");

	/* a copy of the program, still open for writing, cannot run */
	in = open("/proc/self/exe", O_RDONLY);
	out = open("copy", O_WRONLY | O_CREAT | O_TRUNC, 0755);
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			return 1;
	close(in);
	printf("exec while open for writing: %s\n", run("./copy"));
	close(out);
	printf("exec after close: %s\n", run("./copy"));

	/* while the copy runs, writing it fails; after it exits, it works */
	int p[2];
	if (pipe(p))
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		close(p[1]);
		dup2(p[0], 0);
		execl("./copy", "./copy", "wait", (char *)NULL);
		_exit(3);
	}
	close(p[0]);
	usleep(100000); /* (it is running now, blocked reading the pipe) */
	printf("open the running copy for writing: %s\n", res(open("copy", O_WRONLY)));
	close(p[1]);
	waitpid(pid, NULL, 0);
	out = open("copy", O_WRONLY | O_TRUNC);
	printf("and once it has exited: %s\n", res(out));
	close(out);
	printf("unlink: %s\n", res(unlink("copy")));
	return 0;
}
