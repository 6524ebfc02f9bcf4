/*
 * strings.c - string.h, strtol family and message tables, compared with
 * glibc. Comparison results are printed as their sign only: C promises
 * the sign, not the magnitude.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

static void show_strtol(const char *s, int base)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, base);
	printf("strtol(\"%s\", %d) = %ld, end +%d, errno %d\n", s, base, v, (int)(end - s), errno);
}

static void show_strtoul(const char *s, int base)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, base);
	printf("strtoul(\"%s\", %d) = %lu, end +%d, errno %d\n", s, base, v, (int)(end - s), errno);
}

int main(void)
{
	char buf[64], big[300];
	const char *hay = "the quick brown fox jumps over the lazy dog";

	printf("strlen %zu %zu %zu\n", strlen(""), strlen("a"), strlen(hay));
	printf("strcmp %d %d %d %d %d\n", sign(strcmp("a", "b")), sign(strcmp("b", "a")),
	       sign(strcmp("abc", "abc")), sign(strcmp("ab", "abc")), sign(strcmp("\xff", "\x01")));
	printf("strncmp %d %d %d %d\n", sign(strncmp("abcX", "abcY", 3)),
	       sign(strncmp("abcX", "abcY", 4)), sign(strncmp("a", "b", 0)),
	       sign(strncmp("ab", "abc", 5)));
	printf("memcmp %d %d %d\n", sign(memcmp("abc", "abd", 3)), sign(memcmp("abc", "abd", 2)),
	       sign(memcmp("\x80", "\x7f", 1)));
	printf("strchr %s | %s | %d | %d\n", strchr(hay, 'q'), strchr(hay, 'z'),
	       strchr(hay, 'Q') == NULL, (int)(strchr(hay, 0) - hay));
	printf("strrchr %s | %d\n", strrchr(hay, 'o'), strrchr(hay, '!') == NULL);
	printf("strstr %s | %s | %d | %d\n", strstr(hay, "fox"), strstr(hay, "the lazy"),
	       strstr(hay, "cat") == NULL, (int)(strstr(hay, "") - hay));
	strcpy(buf, "hello");
	printf("strcpy %s %zu\n", buf, strlen(buf));
	strcat(buf, ", world");
	printf("strcat %s\n", buf);
	memset(big, 'x', sizeof(big));
	big[sizeof(big) - 1] = 0;
	printf("memset %zu %c%c\n", strlen(big), big[0], big[298]);
	for (int i = 0; i < 26; i++)
		buf[i] = (char)('a' + i);
	buf[26] = 0;
	memmove(buf + 3, buf, 10);
	printf("memmove up %s\n", buf);
	memmove(buf, buf + 5, 10);
	printf("memmove down %s\n", buf);
	memcpy(buf, "0123456789", 11);
	printf("memcpy %s\n", buf);
	printf("memchr %s %d\n", (char *)memchr(hay, 'j', strlen(hay)),
	       memchr(hay, 'j', 5) == NULL);

	show_strtol("12345", 10);
	show_strtol("  -42xyz", 10);
	show_strtol("+17", 0);
	show_strtol("0x1fG", 0);
	show_strtol("0x", 16);
	show_strtol("0777", 0);
	show_strtol("z", 36);
	show_strtol("9223372036854775807", 10);
	show_strtol("9223372036854775808", 10);
	show_strtol("-9223372036854775808", 10);
	show_strtol("-9223372036854775809", 10);
	show_strtol("", 10);
	show_strtol("   ", 10);
	show_strtol("101", 2);
	show_strtoul("18446744073709551615", 10);
	show_strtoul("18446744073709551616", 10);
	show_strtoul("-1", 10);
	show_strtoul("0xffffffffffffffff", 16);
	show_strtoul("  0X7B", 0);
	printf("atoi %d %d %d %d\n", atoi("123"), atoi("-9"), atoi("  +8x"), atoi("abc"));

	for (int e = 0; e <= 41; e++)
		printf("strerror(%d) = %s\n", e, strerror(e));
	printf("strerror(200) = %s\n", strerror(200));
	printf("strerror(-1) = %s\n", strerror(-1));
	for (int s = 1; s <= 31; s++)
		printf("strsignal(%d) = %s\n", s, strsignal(s));
	return 0;
}
