/* Dependent loads over a random cycle of 64-byte lines in a buffer of each size: one thread alone (CPU 0), then one
 * per CPU side by side with a buffer each. Shows where each vCPU's caches end (docs/grouping-performance-log.md, "Fourteenth session").
 *   gcc -O2 -pthread eng/probes/cache-latency.c -o /tmp/cache-latency && /tmp/cache-latency
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <pthread.h>
#include <sched.h>
#include <time.h>
#include <string.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
typedef struct {size_t bytes; int cpu; double ns; pthread_barrier_t *bar;} arg_t;
static void* run(void*p){arg_t*a=p; cpu_set_t s;CPU_ZERO(&s);CPU_SET(a->cpu,&s);pthread_setaffinity_np(pthread_self(),sizeof s,&s);
 size_t n=a->bytes/64; uint64_t*buf=aligned_alloc(64,n*64); memset(buf,0,n*64);
 /* random permutation cycle over lines: dependent loads measure latency */
 uint32_t*perm=malloc(n*4); for(size_t i=0;i<n;i++)perm[i]=i; uint64_t x=88172645463325252ull+a->cpu;
 for(size_t i=n-1;i>0;i--){x^=x<<13;x^=x>>7;x^=x<<17;size_t j=x%(i+1);uint32_t t=perm[i];perm[i]=perm[j];perm[j]=t;}
 for(size_t i=0;i<n;i++)buf[perm[i]*8]=perm[(i+1)%n];
 size_t steps=20000000; if(a->bar)pthread_barrier_wait(a->bar);
 uint64_t c=0; for(size_t i=0;i<steps/10;i++)c=buf[c*8];
 double t0=now(); for(size_t i=0;i<steps;i++)c=buf[c*8]; double t1=now();
 a->ns=(t1-t0)/steps*1e9; if(c==12345678901ull)printf("x");
 free(buf);free(perm);return 0;}
int main(int argc,char**argv){size_t kb[]={1024,2048,3072,4096,5120,6144,8192,10240};
 for(int k=0;k<8;k++){size_t b=kb[k]*1024;
  arg_t a={b,0,0,0}; run(&a); double alone=a.ns;
  pthread_barrier_t bar;pthread_barrier_init(&bar,0,2); arg_t a0={b,0,0,&bar},a1={b,1,0,&bar};pthread_t t0,t1;
  pthread_create(&t0,0,run,&a0);pthread_create(&t1,0,run,&a1);pthread_join(t0,0);pthread_join(t1,0);
  printf("%6zu KB: alone %.2f ns, both %.2f / %.2f ns\n",kb[k],alone,a0.ns,a1.ns);}
}
