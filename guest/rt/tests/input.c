/*
 * input.c - reading stdin: fgets (short buffer, long lines), getchar,
 * fread, EOF and feof. rt.sh feeds it a fixed text; output compared with
 * glibc's.
 */
#include <stdio.h>
#include <string.h>

int main(void)
{
	char line[16], block[40];
	int c, n = 0;
	size_t got;

	for (int i = 0; i < 4 && fgets(line, sizeof(line), stdin); i++)
		printf("fgets %d: [%s] len %zu\n", i, line, strlen(line));
	while ((c = getchar()) != EOF && c != '#')
		n += c == '\n';
	printf("getchar: %d newlines before '#'\n", n);
	got = fread(block, 1, sizeof(block) - 1, stdin);
	block[got] = 0;
	printf("fread %zu: [%s]\n", got, block);
	got = fread(block, 4, 3, stdin);
	printf("fread of 4-byte items: %zu\n", got);
	while (getchar() != EOF)
		;
	int at_eof = feof(stdin) != 0;
	printf("feof %d, fgets at EOF %s\n", at_eof,
	       fgets(line, sizeof(line), stdin) ? "line" : "NULL");
	return 0;
}
