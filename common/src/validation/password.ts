/** Staff password policy (quality.md): at least 8 characters from 3 of the 4 character classes. */
export function passwordMeetsPolicy(password: string): boolean {
  if (password.length < 8 || password.length > 128) return false;
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return classes >= 3;
}
