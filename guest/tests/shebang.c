/*
 * shebang.c - execve of "#!" scripts (run by rvmm only: the interpreter is
 * this riscv64 program, which qemu-user cannot exec). Run with no
 * arguments it writes scripts into the current directory (the root) and
 * execs each in a child; run as an interpreter (argv[1] starts with '-'
 * or names a script) it prints its argv, AT_EXECFN and /proc/self/exe.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void script(const char *name, const char *text, int mode)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		perror(name);
	close(fd);
	chmod(name, mode);
}

static void run(const char *path, char *const argv[])
{
	int st;
	pid_t pid = fork();
	if (pid == 0) {
		execv(path, argv);
		printf("execv %s: %s\n", path, strerror(errno));
		_exit(1);
	}
	waitpid(pid, &st, 0);
}

int main(int argc, char **argv)
{
	if (argc > 1) { /* the interpreter */
		char exe[256];
		ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		exe[n > 0 ? n : 0] = '\0';
		printf("argc %d:", argc);
		for (int i = 0; i < argc; i++)
			printf(" [%s]", argv[i]);
		printf("\n  execfn %s, exe %s\n", (char *)getauxval(AT_EXECFN), exe);
		return 0;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	script("s1", "#!/prog -x  y z \t\necho not shell\n", 0755);
	script("s2", "#! /prog\n", 0755);
	script("s3", "#!/s1\n", 0755);
	script("s4", "#!/nonexistent\n", 0755);
	script("s5", "#!   \n", 0755);
	script("s6", "#!/prog\n", 0644);
	script("s7", "#!/../../../../../prog arg\n", 0755);
	char *a1[] = {"first", "a", "b c", NULL};
	run("./s1", a1);
	char *a2[] = {"s2", NULL};
	run("/s2", a2);
	char *a3[] = {"three", "x", NULL};
	run("s3", a3);
	run("./s4", a2);
	run("./s5", a2);
	run("./s6", a2);
	run("./s7", a2);
	return 0;
}
