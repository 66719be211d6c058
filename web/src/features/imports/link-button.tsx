import type { ComponentProps } from 'react';
import { useNavigate } from 'react-router';
import { Button } from 'antd';

/**
 * A button that is a link (`<a href>`: opens in a new tab, shows its address) and navigates inside
 * the app on a plain click; unlike a <Link> around a <Button>, it is one focusable element.
 */
export function LinkButton({ to, ...props }: { to: string } & Omit<ComponentProps<typeof Button>, 'href' | 'onClick'>) {
  const navigate = useNavigate();
  return (
    <Button
      {...props}
      href={to}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
    />
  );
}
